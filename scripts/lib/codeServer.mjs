// A throwaway code-server (VS Code in the browser, its extension host a local Node process) and a headless
// Chromium driving it, all on loopback. Everything they write goes to one temp folder; stop() ends both process
// trees by PID and removes the folder.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { killTree, treeMemory } from './processes.mjs';
import { chromiumPath, ensureCodeServer, ensureJsTools, ensureNode24 } from './tools.mjs';

export const CHROMIUM_FLAGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** The user settings of the throwaway profile: nothing that pops up, phones home or moves under a screenshot. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'editor.hover.delay': 200,
  'window.commandCenter': false,
  'workbench.layoutControl.enabled': false,
  'editor.minimap.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // The seed names hosts on 10.x: live status (which connects to them) stays on demand only, and nothing here asks.
  'zookeeper.status.interval': 0,
};

/** The stop() of every session started and not stopped yet, for the signal handlers. */
const running = new Set();

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function log(message) {
  process.stderr.write(`[code-server] ${message}\n`);
}

/**
 * Installs the tools when missing, copies `workspaceSource` into a temp folder and starts code-server there.
 * Options: `vsix` (installed into the throwaway extensions folder first), `env` (extra variables for code-server
 * and so for the extension host; or a function of the temp folders returning them), `settings` (extra user
 * settings).
 */
export async function startCodeServer({ workspaceSource, vsix, env = {}, settings = {}, viewport = { width: 1400, height: 900 } }) {
  const node24 = ensureNode24();
  const codeServer = ensureCodeServer(node24);
  const tools = ensureJsTools();

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-vscode-'));
  const dirs = Object.fromEntries(['user-data', 'extensions', 'config', 'data', 'cache', 'state', 'runtime', 'browser'].map((d) => [d, path.join(root, d)]));
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const workspace = path.join(root, 'workspace', path.basename(workspaceSource));
  fs.cpSync(workspaceSource, workspace, { recursive: true });
  fs.mkdirSync(path.join(dirs['user-data'], 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs['user-data'], 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));

  const port = await freePort();
  // Nothing listens there: the gallery, had anything asked it, fails at once instead of waiting on the network.
  const closedPort = await freePort();
  const gallery = `http://127.0.0.1:${closedPort}`;
  const serverEnv = {
    ...process.env,
    ...(typeof env === 'function' ? env(dirs) : env),
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_STATE_HOME: dirs.state,
    XDG_RUNTIME_DIR: dirs.runtime,
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: `${gallery}/api`, itemUrl: `${gallery}/item`, resourceUrlTemplate: `${gallery}/resource/{publisher}/{name}/{version}/{path}` }),
    // code-server's own password, never used with --auth none; set so it never writes one into a config file.
    PASSWORD: 'unused',
  };
  delete serverEnv.VSCODE_IPC_HOOK_CLI;
  const common = ['--user-data-dir', dirs['user-data'], '--extensions-dir', dirs.extensions];

  let state = { root, port, workspace, dirs, serverPid: undefined, browserPid: undefined, context: undefined, peakRss: 0, sampler: undefined, stopped: false };
  // Every caller (the run's finally, a signal handler, a failed start) waits for the one same stop.
  let stopping;
  const stop = () => (stopping ??= stopNow());
  const stopNow = async () => {
    state.stopped = true;
    clearInterval(state.sampler);
    // Closing the browser politely first lets Playwright's connection end cleanly; the trees are ended regardless.
    if (state.context) await Promise.race([state.context.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
    await killTree(state.browserPid);
    await killTree(state.serverPid);
    fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    running.delete(stop);
  };
  running.add(stop);

  try {
    if (vsix) {
      const started = Date.now();
      const install = spawnSync(node24.node, [codeServer.entry, ...common, '--install-extension', vsix], { env: serverEnv, encoding: 'utf8', timeout: 120_000 });
      if (install.status !== 0) throw new Error(`installing ${vsix} failed (exit ${install.status ?? install.signal}):\n${install.stdout}${install.stderr}`);
      log(`installed ${path.basename(vsix)} in ${Date.now() - started} ms: ${install.stdout.trim().split('\n').pop()}`);
    }

    const args = [
      codeServer.entry,
      ...common,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--vscode-option', 'enable-smoke-test-driver',
    ];
    const server = spawn(node24.node, args, { env: serverEnv, cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    state.serverPid = server.pid;
    const serverLog = [];
    const keep = (chunk) => {
      serverLog.push(chunk.toString());
      if (process.env.ZK_DEBUG) process.stderr.write(chunk);
    };
    server.stdout.on('data', keep);
    server.stderr.on('data', keep);
    const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve(`code-server exited (${code ?? signal})`)));
    state.serverLog = serverLog;
    await Promise.race([waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000), exited.then((why) => Promise.reject(new Error(`${why}:\n${serverLog.join('')}`)))]);
    if (state.stopped) throw new Error('stopped while starting');

    const require = createRequire(path.join(tools.modules, 'noop.js'));
    const { chromium } = require('playwright-core');
    const context = await chromium.launchPersistentContext(dirs.browser, {
      executablePath: chromiumPath(),
      headless: true,
      chromiumSandbox: false,
      args: CHROMIUM_FLAGS,
      viewport,
      deviceScaleFactor: 1,
      // Its crash reporter's folder (~/.config/chromium) goes to the throwaway folders too.
      env: { ...process.env, XDG_CONFIG_HOME: dirs.config, XDG_CACHE_HOME: dirs.cache },
      // Playwright's own handlers would kill Chromium and exit before stop() ends code-server: ours do both.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    state.context = context;
    state.browserPid = browserPidOf(dirs.browser);
    if (state.stopped) throw new Error('stopped while starting');
    if (!state.browserPid) log('could not find the PID of Chromium: it is closed through Playwright only');
    // Nothing leaves the machine: every request to anywhere but this code-server fails at once.
    await context.route('**/*', (route) => {
      const { hostname, port: p } = new URL(route.request().url());
      return (hostname === '127.0.0.1' || hostname === 'localhost') && Number(p) === port ? route.continue() : route.abort();
    });
    state.sampler = setInterval(() => {
      state.peakRss = Math.max(state.peakRss, treeMemory([state.serverPid, state.browserPid]));
    }, 1000);
    const page = context.pages()[0] ?? (await context.newPage());
    return {
      ...state,
      page,
      context,
      node24,
      codeServer,
      remote: (file) => `vscode-remote://127.0.0.1:${port}${file}`,
      url: (query) => `http://127.0.0.1:${port}/?${query}`,
      peakRss: () => state.peakRss,
      serverOutput: () => serverLog.join(''),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForHttp(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error.cause?.code ?? String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last})`);
}

/** The PID of the Chromium that Playwright started for `userDataDir` (a child of this process). */
function browserPidOf(userDataDir) {
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== process.pid) continue;
      if (fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').includes(`--user-data-dir=${userDataDir}`)) return Number(name);
    } catch {
      // gone
    }
  }
  return undefined;
}

/** On SIGINT, SIGTERM and SIGHUP: stops every session (also one still starting), then exits 130. */
export function stopOnSignals() {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, async () => {
      if (stopOnSignals.stopping) return;
      stopOnSignals.stopping = true;
      log(`${sig}: stopping`);
      await Promise.allSettled([...running].map((stop) => stop()));
      process.exit(130);
    });
  }
}
