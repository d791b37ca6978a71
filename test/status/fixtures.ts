import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

/**
 * Real four-letter-word answers of ZooKeeper 3.8.0 (Debian), captured from a 3-node local ensemble and a
 * standalone server whose 4lw.commands.whitelist was `ruok` (srvr is always allowed since 3.5.3; the
 * refusal text is the same for every word).
 */
export const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'status', 'fixtures');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** srvr refused, in ZooKeeper's words (as mntr-not-whitelisted.txt, for srvr). */
export const SRVR_NOT_WHITELISTED = fixture('mntr-not-whitelisted.txt').replace(/^mntr/, 'srvr');

export interface FakeNode {
  readonly port: number;
  /** Words received, in order. */
  readonly received: string[];
  /** The most connections open at once. */
  readonly maxConcurrent: () => number;
  close(): Promise<void>;
}

/**
 * A loopback TCP server answering four-letter words like a ZooKeeper node: `answers[word]` then close.
 * `delayMs` holds each answer back; a word without an answer gets the connection closed silently, and
 * `answers === 'silent'` never answers at all.
 */
export async function fakeNode(answers: Readonly<Record<string, string>> | 'silent', delayMs = 0): Promise<FakeNode> {
  const received: string[] = [];
  const sockets = new Set<net.Socket>();
  let open = 0;
  let max = 0;
  // allowHalfOpen: clients send the word and half-close, as with ZooKeeper, which still answers.
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    open++;
    max = Math.max(max, open);
    socket.on('close', () => {
      open--;
      sockets.delete(socket);
    });
    socket.on('error', () => undefined);
    let buffer = '';
    let answered = false;
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      if (answered || buffer.length < 4) return;
      answered = true;
      const word = buffer.slice(0, 4);
      received.push(word);
      if (answers === 'silent') return;
      setTimeout(() => {
        const answer = answers[word];
        if (answer !== undefined) socket.write(answer);
        socket.end();
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    received,
    maxConcurrent: () => max,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
