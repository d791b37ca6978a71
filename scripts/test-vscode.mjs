#!/usr/bin/env node
// npm run test:vscode: the extension test suite (test/vscode) in real VS Code, here and in CI, without a desktop:
// code-server 4.139.1 (VS Code 1.139.1) on a free loopback port, driven by a headless Debian Chromium, runs the
// suite in its Node extension host against a copy of examples/seed-3-hosts; the suite's output is printed and
// its result is the exit code. Everything started is stopped by PID at the end, on failure and on timeout too.
//
//   node scripts/test-vscode.mjs [--vsix FILE | --packaged] [--grep TEXT] [--timeout SECONDS]
//
//   --vsix FILE   install FILE (npm run package) into the throwaway profile and test that build instead of the
//                 working tree's: the extension under development is then an empty stand-in (test/vscode/host).
//   --packaged    package the built tree first (scripts/package.mjs), then as --vsix.
//
// Needs Debian's chromium and libkrb5-dev (.ci/run installs them); installs Node 24, code-server, playwright-core
// and mocha into $ZK_TOOLS_DIR (default ~/.cache/zk-ensemble-tools) the first time (~4 min), reused afterwards.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, parseArgs } from 'node:util';
import { startCodeServer, stopOnSignals } from './lib/codeServer.mjs';
import { toolsDir } from './lib/tools.mjs';
import { packageVsix } from './package.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: {
    vsix: { type: 'string' },
    packaged: { type: 'boolean', default: false },
    grep: { type: 'string' },
    timeout: { type: 'string', default: process.env.ZK_TEST_TIMEOUT ?? '600' },
  },
});

const testsModule = path.join(repo, 'out', 'test', 'vscode', 'suite', 'index.js');
if (!fs.existsSync(testsModule)) {
  console.error(`${path.relative(process.cwd(), testsModule)} is missing: build first (npm run build)`);
  process.exit(2);
}
const vsix = options.packaged ? await packageVsix() : options.vsix && path.resolve(options.vsix);
if (vsix && !fs.existsSync(vsix)) {
  console.error(`${vsix} does not exist: npm run package builds it`);
  process.exit(2);
}

/** Marks the suite's own output among the workbench's log lines (test/vscode/suite/index.ts adds it). */
const SUITE_PREFIX = '\u2063zk-suite\u2063';
/** The workbench's log lines, shown when the run fails (or as they come, with ZK_DEBUG=1). */
const workbenchLog = [];

let session;
stopOnSignals();
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
let exitCode = 1;
try {
  session = await startCodeServer({
    workspaceSource: path.join(repo, 'examples', 'seed-3-hosts'),
    vsix,
    env: (dirs) => ({
      ZK_TOOLS_DIR: toolsDir(),
      // The suite checks that the extension it tests is the one meant: the working tree, or the installed .vsix.
      ZK_TEST_EXTENSION_UNDER: vsix ? dirs.extensions : repo,
      ZK_TEST_LOG_PREFIX: SUITE_PREFIX,
      ...(options.grep ? { ZK_TEST_GREP: options.grep } : {}),
    }),
  });
  process.stderr.write(`[test-vscode] code-server up on 127.0.0.1:${session.port} after ${seconds()} s; running the suite${vsix ? ` against ${path.basename(vsix)}` : ''}\n`);

  const { page } = session;
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  await page.exposeFunction('codeAutomationLog', (type, args) => printLog(type, args));
  await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
  page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));

  const developmentPath = vsix ? path.join(repo, 'test', 'vscode', 'host') : repo;
  const payload = [
    ['extensionDevelopmentPath', session.remote(developmentPath)],
    ['extensionTestsPath', session.remote(testsModule)],
  ];
  await page.goto(session.url(`folder=${encodeURIComponent(session.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`));

  const timeoutMs = Number(options.timeout) * 1000;
  let timer;
  const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const result = await Promise.race([finished, timedOut]);
  clearTimeout(timer);
  if (result !== 0) {
    const errors = [...new Set(workbenchLog.filter((l) => l.type === 'error').map((l) => l.text.split('\n')[0]))];
    if (errors.length > 0) process.stderr.write(`[test-vscode] the workbench's errors:\n${errors.map((e) => `  ${e}`).join('\n')}\n`);
  }
  if (result === 'timeout') {
    process.stderr.write(`[test-vscode] no result after ${options.timeout} s; code-server said:\n${session.serverOutput().slice(-4000)}\n`);
    exitCode = 1;
  } else {
    exitCode = result;
  }
} catch (error) {
  process.stderr.write(`[test-vscode] ${error.stack ?? error}\n`);
  exitCode = 1;
} finally {
  const peak = session?.peakRss() ?? 0;
  await session?.stop();
  process.stdout.write(`vscode suite (code-server${vsix ? `, installed ${path.basename(vsix)}` : ''}): ${exitCode === 0 ? 'passed' : `FAILED (exit ${exitCode})`} in ${seconds()} s, peak memory (PSS) of code-server and Chromium ${(peak / 2 ** 20).toFixed(0)} MiB\n`);
}
process.exit(exitCode);

/** The extension host's console (the suite's mocha output) arrives here; the workbench's own log lines too. */
function printLog(type, args) {
  const text = format(...(Array.isArray(args) ? args : [args]));
  if (text.startsWith(SUITE_PREFIX)) {
    process.stdout.write(`${text.slice(SUITE_PREFIX.length)}\n`);
  } else {
    workbenchLog.push({ type, text });
    // VS Code's own report of a run that failed or threw: the suite's verdict, so it is always shown.
    if (process.env.ZK_DEBUG || /^Error: \d+ tests? failed|^(?:Error|TypeError): /.test(text)) process.stderr.write(`[workbench ${type}] ${text}\n`);
  }
}
