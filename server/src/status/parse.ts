import type { Latency, NodeState, ProbeResult, ServingMode } from './types';

/**
 * Reading ZooKeeper's four-letter-word answers (rule book §7.1). Pure: text in, data out. Real answers of
 * ZooKeeper 3.8.0 are the fixtures of test/status/parse.test.ts.
 */

const NOT_SERVING = 'This ZooKeeper instance is not currently serving requests';
const NOT_WHITELISTED = /^(\w{4}) is not executed because it is not in the whitelist\./m;
const SERVING_MODES: readonly ServingMode[] = ['leader', 'follower', 'observer', 'standalone', 'read-only'];

/** A result with nothing known but the state. */
export function bareResult(state: NodeState, detail: string | null): ProbeResult {
  return { state, detail, zxid: null, latency: null, connections: null, outstanding: null, nodeCount: null, version: null, mntr: null };
}

/** The state and figures in an answer to `srvr`. */
export function parseSrvr(answer: string): ProbeResult {
  if (answer.includes(NOT_SERVING)) {
    return bareResult('not serving', 'the node runs but serves no clients: it has no quorum (too few nodes up, or they cannot reach each other)');
  }
  const refused = NOT_WHITELISTED.exec(answer);
  if (refused) {
    return bareResult('not whitelisted', `the node refuses the '${refused[1]}' command: it is not in its 4lw.commands.whitelist`);
  }
  const fields = new Map<string, string>();
  for (const line of answer.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const mode = fields.get('mode');
  if (mode === undefined || !(SERVING_MODES as readonly string[]).includes(mode)) {
    const shown = answer.trim().slice(0, 80).replace(/\s+/g, ' ');
    const detail = answer.trim() === '' ? 'the connection closed without an answer to srvr' : `an answer that is not ZooKeeper's srvr: '${shown}'`;
    return bareResult('unknown', mode === undefined ? detail : `unknown mode '${mode}'`);
  }
  return {
    state: mode as ServingMode,
    detail: null,
    zxid: fields.get('zxid') ?? null,
    latency: parseLatency(fields.get('latency min/avg/max')),
    connections: integer(fields.get('connections')),
    outstanding: integer(fields.get('outstanding')),
    nodeCount: integer(fields.get('node count')),
    version: parseVersion(fields.get('zookeeper version')),
    mntr: null,
  };
}

/**
 * `mntr`'s tab-separated `key value` lines, or undefined when the node refuses or cannot answer (not
 * whitelisted, not serving, or not mntr output at all).
 */
export function parseMntr(answer: string): Record<string, string> | undefined {
  if (answer.includes(NOT_SERVING) || NOT_WHITELISTED.test(answer)) return undefined;
  const values: Record<string, string> = {};
  for (const line of answer.split(/\r?\n/)) {
    const tab = line.indexOf('\t');
    if (tab > 0) values[line.slice(0, tab)] = line.slice(tab + 1);
  }
  return Object.keys(values).length > 0 ? values : undefined;
}

/** Whether `srvr` said the node serves clients, so `mntr` is worth asking. */
export function isServing(state: NodeState): state is ServingMode {
  return (SERVING_MODES as readonly string[]).includes(state);
}

function parseLatency(text: string | undefined): Latency | null {
  const match = text === undefined ? null : /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(text);
  return match ? { min: Number(match[1]), avg: Number(match[2]), max: Number(match[3]) } : null;
}

function integer(text: string | undefined): number | null {
  return text !== undefined && /^-?\d+$/.test(text) ? Number(text) : null;
}

/** "3.8.0-${mvngit.commit.id}, built on ..." → "3.8.0". */
function parseVersion(text: string | undefined): string | null {
  const match = text === undefined ? null : /^(\d+\.\d+(?:\.\d+)?)/.exec(text);
  return match ? match[1] : null;
}
