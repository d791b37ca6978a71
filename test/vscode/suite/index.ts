/**
 * The extension test entry point (`extensionTestsPath`): VS Code's extension host calls `run()` and exits 0 when
 * it resolves, 1 when it rejects. The same module serves both runners: scripts/test-vscode.mjs (code-server, a
 * headless Chromium) and scripts/test-electron.mjs (desktop VS Code through @vscode/test-electron).
 *
 * Mocha is not a dependency of the extension: it comes from the tools folder the runners install it into
 * (`$ZK_TOOLS_DIR`, default `~/.cache/zk-ensemble-tools`), or from anywhere Node finds it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import type MochaType from 'mocha';

function loadMocha(): typeof MochaType {
  const toolsDir = process.env.ZK_TOOLS_DIR || path.join(os.homedir(), '.cache', 'zk-ensemble-tools');
  for (const candidate of ['mocha', path.join(toolsDir, 'js', 'node_modules', 'mocha')]) {
    try {
      return require(candidate) as typeof MochaType;
    } catch {
      // try the next one
    }
  }
  throw new Error(`mocha not found: run the suite through npm run test:vscode or test:electron, which install it into ${toolsDir}`);
}

export function run(): Promise<void> {
  const Mocha = loadMocha();
  // The code-server runner receives the extension host's console mixed with the workbench's log; it asks for a
  // prefix on the suite's own lines to tell them apart (and prints them without it).
  const prefix = process.env.ZK_TEST_LOG_PREFIX;
  if (prefix) {
    const log = console.log.bind(console);
    Mocha.reporters.Base.consoleLog = (...args: unknown[]) => log(prefix + format(...args));
  }
  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    color: false,
    // Each wait has its own, shorter timeout that says what it waited for; this only catches a hang elsewhere.
    timeout: 120_000,
    grep: process.env.ZK_TEST_GREP || undefined,
  });
  // Suite files run in name order (01-..., 02-...): later ones build on the workspace state earlier ones leave.
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.js') && f !== 'index.js').sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (failures > 0) reject(new Error(`${failures} test${failures === 1 ? '' : 's'} failed`));
      // A suite that found nothing to run has proved nothing: that is a failure too.
      else if ((runner.stats?.passes ?? 0) === 0) reject(new Error(`no test passed in ${__dirname}`));
      else resolve();
    });
  });
}
