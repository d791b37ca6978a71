'use strict';
/**
 * A minimal LSP client for the benchmark: spawns the server as users start it, the `zk-ensemble-language-server`
 * bin (the bundle and code cache `npm run build` writes), over stdio; records every publishDiagnostics with its
 * arrival time, and waits on notifications and answers, never on sleeps.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver/node');

const SERVER_BIN = path.resolve(__dirname, '..', 'bin', 'zk-ensemble-language-server.js');

class BenchServer {
  constructor(root, nodeArgs = []) {
    this.root = root;
    this.child = spawn(process.execPath, [...nodeArgs, SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.child.stderr.on('data', (chunk) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    /** uri -> { count, diagnostics, at } of the latest publication. */
    this.latest = new Map();
    this.waiters = new Set();
    /** When the latest publication arrived. */
    this.lastPublishedAt = undefined;
    this.connection.onNotification('textDocument/publishDiagnostics', (params) => {
      const at = performance.now();
      const previous = this.latest.get(params.uri);
      this.latest.set(params.uri, { count: (previous?.count ?? 0) + 1, diagnostics: params.diagnostics, at });
      this.lastPublishedAt = at;
      for (const waiter of [...this.waiters]) waiter();
    });
    this.connection.onNotification(() => {});
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/configuration', ({ items }) => items.map(() => null));
    this.connection.listen();
  }

  get pid() {
    return this.child.pid;
  }

  uri(file) {
    return pathToFileURL(file).href;
  }

  /** Sends initialize + initialized; resolves with the time initialize was sent. */
  async initialize() {
    const sentAt = performance.now();
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: this.uri(this.root),
      workspaceFolders: [{ uri: this.uri(this.root), name: 'bench' }],
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true } },
      initializationOptions: { debounceMs: 0 },
    });
    await this.connection.sendNotification('initialized', {});
    return sentAt;
  }

  /**
   * Resolves with the arrival time of the last publication of the first scan. The server publishes the files with
   * findings (never [] for a file without any) and answers `zookeeper/ensembles` only after the first scan's
   * diagnostics, in the same ordered stream: the last publication before the answer is the last of the scan. A scan
   * that found nothing publishes nothing: then the answer is when the client learns that.
   */
  async waitForFirstScan(timeoutMs) {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to zookeeper/ensembles within ${timeoutMs} ms\nserver stderr:\n${this.stderr}`)), timeoutMs);
    });
    try {
      await Promise.race([this.connection.sendRequest('zookeeper/ensembles', null), timeout]);
      return this.lastPublishedAt ?? performance.now();
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves with the next publication for `uri` after publication number `after` that satisfies `predicate`. */
  waitForPublication(uri, after, predicate, timeoutMs) {
    return this.waitFor(() => {
      const entry = this.latest.get(uri);
      return entry && entry.count > after && predicate(entry.diagnostics) ? entry : undefined;
    }, timeoutMs, () => `diagnostics of ${uri}`);
  }

  publications(uri) {
    return this.latest.get(uri)?.count ?? 0;
  }

  waitFor(check, timeoutMs, describe) {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value === undefined) return;
        this.waiters.delete(attempt);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(attempt);
        reject(new Error(`timed out after ${timeoutMs} ms: ${describe()}\nserver stderr:\n${this.stderr}`));
      }, timeoutMs);
      this.waiters.add(attempt);
      attempt();
    });
  }

  notify(method, params) {
    return this.connection.sendNotification(method, params);
  }

  /** Peak resident memory in MiB, from /proc (Linux only; null elsewhere). */
  peakRssMb() {
    try {
      const status = require('node:fs').readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
      return match ? Number(match[1]) / 1024 : null;
    } catch {
      return null;
    }
  }

  async shutdown() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((_, reject) => setTimeout(() => reject(new Error('no shutdown answer')), 10000))]);
      await this.connection.sendNotification('exit');
      await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, 10000))]);
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null && this.child.signalCode === null) {
        this.child.kill('SIGKILL');
        await this.exited;
      }
    }
  }
}

module.exports = { BenchServer };
