#!/usr/bin/env node
// npm run build, after tsc: the bins' bundles and their V8 code caches (bin/load-bundle.js loads them).
//
// Each bin runs one esbuild bundle of tsc's output with its npm dependencies inside (out/bin/cli.js,
// out/bin/language-server.js), not minified, so that stack traces stay readable. Each is then run once over the
// example workspace and the test cases (every rule, every image family) with ZK_ENSEMBLE_WRITE_CODE_CACHE=1, and
// writes the bytecode V8 compiled on the way as `<bundle>.cache`: a cold start then neither resolves 144 or 218
// modules nor compiles what the cache holds.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { WRITE_CACHE } = require('../bin/load-bundle.js');

/** What the bins' bundles and the .vsix's share: one CommonJS file for Node 20 with the npm dependencies inside. */
export const NODE_BUNDLE = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', legalComments: 'none', logLevel: 'warning' };

/** Bundle name -> tsc's output it starts from. */
const ENTRIES = { cli: 'out/server/src/cli/main.js', 'language-server': 'out/server/src/lsp/main.js' };
/** What the training runs read: small, and between them every rule and image family. */
const TRAINING = ['examples', 'test/cases'].map((folder) => path.join(repo, folder));
const TRAINING_TIMEOUT_MS = 60_000;

async function bundle() {
  const started = Date.now();
  const outdir = path.join(repo, 'out', 'bin');
  fs.rmSync(outdir, { recursive: true, force: true });
  await require('esbuild').build({
    ...NODE_BUNDLE,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, entry]) => [name, path.join(repo, entry)])),
    outdir,
  });
  trainCli();
  await trainLanguageServer();
  for (const name of Object.keys(ENTRIES)) {
    if (!fs.existsSync(path.join(outdir, `${name}.js.cache`))) fail(`the training run wrote no code cache for ${name}`);
  }
  console.log(`bundled the bins with their code caches into out/bin in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function trainCli() {
  const args = [path.join(repo, 'bin', 'zk-ensemble.js'), 'check', ...TRAINING, '--format', 'json'];
  const run = spawnSync(process.execPath, args, { env: { ...process.env, [WRITE_CACHE]: '1' }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', timeout: TRAINING_TIMEOUT_MS });
  // Exit code 1: the test cases have findings, as they should.
  if (run.status !== 0 && run.status !== 1) fail(`zk-ensemble check failed in the training run (${run.status ?? run.signal}): ${run.stderr}`);
}

/** One editor session: initialize with both folders, wait for the first scan's results, shut down. */
async function trainLanguageServer() {
  const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver/node');
  const { ENSEMBLES_CHANGED_NOTIFICATION } = require('../out/server/src/lsp/ensembles.js');
  const server = spawn(process.execPath, [path.join(repo, 'bin', 'zk-ensemble-language-server.js'), '--stdio'], {
    env: { ...process.env, [WRITE_CACHE]: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve(code ?? signal)));
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  const scanned = new Promise((resolve) => connection.onNotification(ENSEMBLES_CHANGED_NOTIFICATION, resolve));
  connection.listen();
  const timer = setTimeout(() => {
    server.kill('SIGKILL');
    fail(`the language server's training run took more than ${TRAINING_TIMEOUT_MS} ms`);
  }, TRAINING_TIMEOUT_MS);
  try {
    const workspaceFolders = TRAINING.map((folder) => ({ uri: pathToFileURL(folder).href, name: path.basename(folder) }));
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders, capabilities: {}, initializationOptions: { debounceMs: 0 } });
    await connection.sendNotification('initialized', {});
    await scanned;
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    const code = await exited;
    if (code !== 0) fail(`the language server's training run exited with ${code}`);
  } finally {
    clearTimeout(timer);
    connection.dispose();
  }
}

function fail(message) {
  console.error(`bundle: ${message}`);
  process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await bundle();
