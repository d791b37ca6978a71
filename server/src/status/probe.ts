import * as net from 'node:net';
import { bareResult, isServing, parseMntr, parseSrvr } from './parse';
import type { ProbeResult } from './types';

/**
 * Asking a running node what it is doing, over ZooKeeper's four-letter words on its client port: `srvr` (always
 * allowed since 3.5.3) for the mode and figures, then `mntr` when the node serves and allows it. One word per
 * connection, as ZooKeeper closes it after answering; the words of one node are asked one after the other.
 */

export const DEFAULT_STATUS_TIMEOUT_MS = 3000;
/** No four-letter answer comes near this; more is not ZooKeeper. */
const MAX_ANSWER_BYTES = 1 << 20;

export interface ProbeOptions {
  /** For the whole probe of one node (both words). */
  readonly timeoutMs?: number;
  /** Ask `mntr` after a serving `srvr` (default true). */
  readonly mntr?: boolean;
}

/** The status of the ZooKeeper node listening for clients on `host:port`. Never throws. */
export async function probeNode(host: string, port: number, options: ProbeOptions = {}): Promise<ProbeResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_STATUS_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const srvr = await fourLetterWord(host, port, 'srvr', timeoutMs);
  if ('failure' in srvr) return bareResult('unreachable', srvr.failure);
  const result = parseSrvr(srvr.answer);
  if (options.mntr === false || !isServing(result.state)) return result;
  const remaining = deadline - Date.now();
  if (remaining <= 0) return result;
  const mntr = await fourLetterWord(host, port, 'mntr', remaining);
  const values = 'answer' in mntr ? parseMntr(mntr.answer) : undefined;
  return values ? { ...result, mntr: values } : result;
}

/**
 * Probes nodes with at most one probe per address at a time: a probe asked for while another of the same
 * address runs gets that probe's result. Probes of different addresses run in parallel.
 */
export class StatusProber {
  private readonly running = new Map<string, Promise<ProbeResult>>();

  probe(host: string, port: number, options: ProbeOptions = {}): Promise<ProbeResult> {
    const address = formatAddress(host, port);
    const current = this.running.get(address);
    if (current) return current;
    const probe = probeNode(host, port, options).finally(() => this.running.delete(address));
    this.running.set(address, probe);
    return probe;
  }
}

/** `host:port`, with IPv6 literals in brackets. */
export function formatAddress(host: string, port: number): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

type Answer = { readonly answer: string } | { readonly failure: string };

/** Connects, sends `word`, reads until the node closes the connection. */
export function fourLetterWord(host: string, port: number, word: string, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const answer = () => ({ answer: Buffer.concat(chunks).toString('utf8') });
    const socket = net.connect({ host, port });
    const timer = setTimeout(() => finish({ failure: size > 0 ? `the answer to ${word} did not end within ${timeoutMs} ms` : `no answer within ${timeoutMs} ms` }), timeoutMs);
    socket.once('connect', () => socket.end(word));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES) finish({ failure: `the answer to ${word} is larger than ${MAX_ANSWER_BYTES} bytes: not ZooKeeper` });
    });
    socket.once('end', () => finish(answer()));
    socket.once('close', () => finish(answer()));
    // An error after part of an answer (a reset once ZooKeeper has written it all) still leaves the answer.
    socket.once('error', (error: NodeJS.ErrnoException) => finish(size > 0 ? answer() : { failure: describeSocketError(error, host, port) }));
  });
}

function describeSocketError(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `connection refused: nothing listens on ${formatAddress(host, port)}`;
    case 'ECONNRESET':
      return 'the connection was reset';
    case 'ETIMEDOUT':
      return 'the connection timed out';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `no route to ${host}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host name '${host}' does not resolve`;
    default:
      return error.code ? `${error.code}: ${error.message}` : error.message;
  }
}
