/**
 * Live status as plain data: what `zk-ensemble status --format json` prints and the `zookeeper/status`
 * request returns. No Node or LSP types here, so the VS Code client's pure tree model can import them.
 */

/** What ZooKeeper's `srvr` says a node is doing. */
export type ServingMode = 'leader' | 'follower' | 'observer' | 'standalone' | 'read-only';

/**
 * A node's live state:
 * - a {@link ServingMode} from `Mode:` in the `srvr` answer;
 * - 'not serving': the process runs but has no quorum ("This ZooKeeper instance is not currently serving requests");
 * - 'not whitelisted': the node refuses `srvr` ("srvr is not executed because it is not in the whitelist.");
 * - 'unreachable': connection refused, reset or timed out, or the host name does not resolve;
 * - 'no address': the workspace's files give no host or client port for the node, so nothing was asked;
 * - 'unknown': something answered, but not as ZooKeeper does.
 */
export type NodeState = ServingMode | 'not serving' | 'not whitelisted' | 'unreachable' | 'no address' | 'unknown';

export const NODE_STATES: readonly NodeState[] = ['leader', 'follower', 'observer', 'standalone', 'read-only', 'not serving', 'not whitelisted', 'unreachable', 'no address', 'unknown'];

export interface Latency {
  readonly min: number;
  readonly avg: number;
  readonly max: number;
}

/** One node's answer to `srvr` (and `mntr`), or why there is none. Unknown values are null. */
export interface ProbeResult {
  readonly state: NodeState;
  /** Why, in words, for every state but the serving modes: "connection refused", "no answer within 3000 ms", ... */
  readonly detail: string | null;
  /** `Zxid:` as ZooKeeper prints it, e.g. "0x100000000". */
  readonly zxid: string | null;
  /** `Latency min/avg/max:` in milliseconds. */
  readonly latency: Latency | null;
  readonly connections: number | null;
  readonly outstanding: number | null;
  readonly nodeCount: number | null;
  /** `Zookeeper version:` up to the first '-' or ',', e.g. "3.8.0". */
  readonly version: string | null;
  /** `mntr`'s key/value pairs when the node allows it (4lw.commands.whitelist), else null. */
  readonly mntr: Readonly<Record<string, string>> | null;
}

/** A node of the workspace with its live status. */
export interface NodeStatus extends ProbeResult {
  /** The node's key in the ensemble summaries (`zookeeper/ensembles`). */
  readonly key: string;
  readonly id: number | null;
  readonly label: string;
  /** `host:clientPort` as the workspace's files give it; null when they do not. */
  readonly address: string | null;
}

export interface EnsembleStatus {
  readonly key: string;
  readonly name: string;
  /** Exactly one leader and every other node following or observing (a one-node ensemble: standalone). */
  readonly healthy: boolean;
  /** The count of each state, e.g. "1 leader, 2 followers". */
  readonly summary: string;
  /** What keeps it from being healthy, one sentence each. */
  readonly problems: readonly string[];
  readonly nodes: readonly NodeStatus[];
}

export interface StatusReport {
  /** ISO 8601. */
  readonly checkedAt: string;
  readonly timeoutMs: number;
  readonly ensembles: readonly EnsembleStatus[];
}
