import type { EnsembleSummary, NodeSummary } from '../core/summary';
import { bareResult } from './parse';
import { DEFAULT_STATUS_TIMEOUT_MS, formatAddress, StatusProber } from './probe';
import type { EnsembleStatus, NodeState, NodeStatus, ProbeResult, StatusReport } from './types';

/**
 * The live status of the workspace's ensembles, shared by `zk-ensemble status` and the language server's
 * `zookeeper/status`. The only addresses asked are the nodes' `host:clientPort` from the workspace's files
 * (the ensemble summaries), each once, in parallel.
 */

export interface CheckOptions {
  readonly timeoutMs?: number;
  /** Only this ensemble (a key of the summaries). */
  readonly ensembleKey?: string;
  readonly mntr?: boolean;
}

export async function checkEnsembles(ensembles: readonly EnsembleSummary[], prober: StatusProber, options: CheckOptions = {}): Promise<StatusReport> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS;
  const chosen = options.ensembleKey === undefined ? ensembles : ensembles.filter((e) => e.key === options.ensembleKey);
  const probes = new Map<string, Promise<ProbeResult>>();
  const probeOf = (node: NodeSummary): Promise<ProbeResult> | undefined => {
    if (node.host === null || node.clientPort === null) return undefined;
    const address = formatAddress(node.host, node.clientPort);
    let probe = probes.get(address);
    if (!probe) {
      probe = prober.probe(node.host, node.clientPort, { timeoutMs, mntr: options.mntr });
      probes.set(address, probe);
    }
    return probe;
  };
  const checkedAt = new Date().toISOString();
  const statuses = await Promise.all(
    chosen.map(async (ensemble) => {
      const nodes = await Promise.all(
        ensemble.nodes.map(async (node): Promise<NodeStatus> => {
          const probe = probeOf(node);
          const result = probe ? await probe : bareResult('no address', noAddressReason(node));
          return {
            key: node.key,
            id: node.id,
            label: node.label,
            address: node.host !== null && node.clientPort !== null ? formatAddress(node.host, node.clientPort) : null,
            ...result,
          };
        }),
      );
      return judgeEnsemble(ensemble, nodes);
    }),
  );
  return { checkedAt, timeoutMs, ensembles: statuses };
}

function noAddressReason(node: NodeSummary): string {
  if (node.host === null && node.clientPort === null) return "the workspace's files give neither its host nor its client port";
  return node.host === null ? "the workspace's files give no single host for it" : "the workspace's files give no client port for it";
}

/** Whether the nodes form one serving ensemble: exactly one leader and every other node following or observing. */
export function judgeEnsemble(ensemble: Pick<EnsembleSummary, 'key' | 'name'>, nodes: readonly NodeStatus[]): EnsembleStatus {
  const counts = new Map<NodeState, number>();
  for (const node of nodes) counts.set(node.state, (counts.get(node.state) ?? 0) + 1);
  const count = (state: NodeState) => counts.get(state) ?? 0;
  const problems: string[] = [];
  const standaloneAlone = nodes.length === 1 && nodes[0].state === 'standalone';
  if (!standaloneAlone) {
    if (count('leader') === 0) problems.push('No node is leader: the ensemble serves no clients.');
    if (count('leader') > 1) problems.push(`${count('leader')} nodes are leader: they are not one ensemble (compare their server.N lines).`);
    for (const node of nodes) {
      const name = nodeName(node);
      const where = node.address ? ` (${node.address})` : '';
      switch (node.state) {
        case 'leader':
        case 'follower':
        case 'observer':
          break;
        case 'standalone':
          problems.push(`${name}${where} runs standalone: it is not part of the ensemble.`);
          break;
        case 'not whitelisted':
          problems.push(`${name}${where} is not whitelisted: it refuses srvr; add srvr to its 4lw.commands.whitelist.`);
          break;
        case 'no address':
          problems.push(`${name} was not asked: ${node.detail ?? "the workspace's files give no address for it"}.`);
          break;
        case 'unknown':
          problems.push(`${name}${where} answered unexpectedly: ${node.detail ?? 'not as ZooKeeper does'}.`);
          break;
        default:
          problems.push(`${name}${where} is ${node.state}${node.detail ? `: ${node.detail}` : ''}.`);
      }
    }
  }
  const summary = [...counts.entries()].map(([state, n]) => `${n} ${plural(state, n)}`).join(', ') || 'no nodes';
  return { key: ensemble.key, name: ensemble.name, healthy: problems.length === 0 && nodes.length > 0, summary, problems, nodes };
}

export function nodeName(node: Pick<NodeStatus, 'id' | 'label'>): string {
  return node.id !== null ? `server.${node.id}` : node.label;
}

function plural(state: NodeState, n: number): string {
  if (n === 1) return state;
  switch (state) {
    case 'leader':
    case 'follower':
    case 'observer':
      return `${state}s`;
    default:
      return state;
  }
}
