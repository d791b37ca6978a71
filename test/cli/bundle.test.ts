import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { SEED_FOLDER } from '../seed';
import { BIN, run } from './run';

const REPO = path.resolve(__dirname, '..', '..', '..');
const LOADER = path.join(REPO, 'bin', 'load-bundle.js');

/** Loads a bin's bundle in a Node of its own (the language server's starts listening) and tells how its cache fared. */
function cacheRejected(loader: string, name: string): string {
  const script = `const r = require(${JSON.stringify(loader)}).loadBundle(${JSON.stringify(name)}); process.stderr.write('cacheRejected=' + r.cacheRejected); process.exit(0);`;
  const result = spawnSync(process.execPath, ['-e', script, '--', '--stdio'], { encoding: 'utf8', input: '' });
  assert.equal(result.status, 0, result.stderr);
  return /cacheRejected=(\w+)/.exec(result.stderr)?.[1] ?? `no answer: ${result.stderr}`;
}

describe('the bins run their bundles with a V8 code cache', () => {
  const copies: string[] = [];
  after(() => copies.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  /** The bin folder and the bundle folder copied elsewhere, so that their cache can be tampered with. */
  function copyOfBins(): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-bins-'));
    copies.push(root);
    fs.cpSync(path.join(REPO, 'bin'), path.join(root, 'bin'), { recursive: true });
    fs.cpSync(path.join(REPO, 'out', 'bin'), path.join(root, 'out', 'bin'), { recursive: true });
    return root;
  }

  it('this Node accepts the caches the build wrote', () => {
    assert.equal(cacheRejected(LOADER, 'cli'), 'false');
    assert.equal(cacheRejected(LOADER, 'language-server'), 'false');
  });

  it('a corrupt cache is refused and the bin answers as with a good one', () => {
    const root = copyOfBins();
    fs.writeFileSync(path.join(root, 'out', 'bin', 'cli.js.cache'), Buffer.alloc(4096, 7));
    assert.equal(cacheRejected(path.join(root, 'bin', 'load-bundle.js'), 'cli'), 'true');
    const cwd = path.dirname(SEED_FOLDER);
    const copied = spawnSync(process.execPath, [path.join(root, 'bin', 'zk-ensemble.js'), 'check', 'seed-3-hosts', '--format', 'json'], { cwd, encoding: 'utf8' });
    const real = run(['check', 'seed-3-hosts', '--format', 'json'], cwd);
    assert.equal(copied.status, 1, copied.stderr);
    assert.equal(copied.stdout, real.stdout);
  });

  it('a cache of another bundle is refused, and no cache at all is no error', () => {
    const root = copyOfBins();
    const bundles = path.join(root, 'out', 'bin');
    fs.copyFileSync(path.join(bundles, 'language-server.js.cache'), path.join(bundles, 'cli.js.cache'));
    assert.equal(cacheRejected(path.join(root, 'bin', 'load-bundle.js'), 'cli'), 'true');
    fs.rmSync(path.join(bundles, 'cli.js.cache'));
    assert.equal(cacheRejected(path.join(root, 'bin', 'load-bundle.js'), 'cli'), 'undefined');
  });

  it('a cache that cannot be written leaves the run as it was', () => {
    const root = copyOfBins();
    const cacheFile = path.join(root, 'out', 'bin', 'cli.js.cache');
    fs.rmSync(cacheFile);
    fs.mkdirSync(cacheFile);
    const cwd = path.dirname(SEED_FOLDER);
    const env = { ...process.env, ZK_ENSEMBLE_WRITE_CODE_CACHE: '1' };
    const copied = spawnSync(process.execPath, [path.join(root, 'bin', 'zk-ensemble.js'), 'check', 'seed-3-hosts', '--format', 'json'], { cwd, env, encoding: 'utf8' });
    assert.equal(copied.status, 1, copied.stderr);
    assert.equal(copied.stdout, run(['check', 'seed-3-hosts', '--format', 'json'], cwd).stdout);
    assert.match(copied.stderr, /could not write .*cli\.js\.cache/);
  });

  it('without a build, the bin says what to run', () => {
    const root = copyOfBins();
    fs.rmSync(path.join(root, 'out'), { recursive: true });
    const result = spawnSync(process.execPath, [path.join(root, 'bin', path.basename(BIN)), 'check', '.'], { encoding: 'utf8' });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /out\/bin\/cli\.js is missing: run npm run build/);
  });
});
