#!/usr/bin/env node
// npm run test:electron: the same extension test suite as `npm run test:vscode` (test/vscode), in desktop VS Code
// through @vscode/test-electron, for contributors' machines. It downloads VS Code (stable, or the version in
// $VSCODE_VERSION) into .vscode-test/ unless $VSCODE_EXECUTABLE_PATH names an installed `code` binary. Needs a
// display: on Linux without one, run it under `xvfb-run -a npm run test:electron`.
//
// The workspace is a throwaway copy of examples/seed-3-hosts; other extensions are disabled.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';
import { ensureJsTools, toolsDir } from './lib/tools.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testsModule = path.join(repo, 'out', 'test', 'vscode', 'suite', 'index.js');
if (!fs.existsSync(testsModule)) {
  console.error(`${path.relative(process.cwd(), testsModule)} is missing: build first (npm run build)`);
  process.exit(2);
}
// The suite loads mocha from the tools folder, like the code-server runner.
ensureJsTools();

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-electron-'));
const workspace = path.join(root, 'seed-3-hosts');
fs.cpSync(path.join(repo, 'examples', 'seed-3-hosts'), workspace, { recursive: true });
let exitCode = 1;
try {
  exitCode = await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
    version: process.env.VSCODE_VERSION || undefined,
    extensionDevelopmentPath: repo,
    extensionTestsPath: testsModule,
    extensionTestsEnv: { ZK_TOOLS_DIR: toolsDir(), ZK_TEST_EXTENSION_UNDER: repo, ...(process.env.ZK_TEST_GREP ? { ZK_TEST_GREP: process.env.ZK_TEST_GREP } : {}) },
    launchArgs: [
      workspace,
      '--disable-extensions',
      `--user-data-dir=${path.join(root, 'user-data')}`,
      `--extensions-dir=${path.join(root, 'extensions')}`,
    ],
  });
} catch (error) {
  console.error(`test-electron: ${error?.message ?? error}`);
  exitCode = 1;
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
process.exit(exitCode);
