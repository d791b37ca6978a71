import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The real `zk-ensemble` bin, run as a user runs it. */
export const BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'zk-ensemble.js');

export function run(args: readonly string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const created: string[] = [];
process.on('exit', () => {
  for (const root of created) fs.rmSync(root, { recursive: true, force: true });
});

/** A fresh folder holding `files` (paths relative to it), with its real path (no symlinked temp dirs); removed at exit. */
export function tempWorkspace(files: Record<string, string>, prefix = 'zk-cli-'): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  created.push(root);
  for (const [relative, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  }
  return root;
}
