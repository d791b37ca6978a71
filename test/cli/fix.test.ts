import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { seedFiles } from '../seed';
import { run, tempWorkspace } from './run';

function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else files[path.relative(root, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
    }
  };
  visit(root);
  return files;
}

describe('zk-ensemble fix', () => {
  it('on the seed: --dry-run shows the one-line diff and writes nothing; fix changes exactly that line; a second run changes nothing', () => {
    const root = tempWorkspace(seedFiles());
    const dry = run(['fix', '--dry-run'], root);
    assert.equal(dry.code, 0, dry.stderr);
    assert.ok(dry.stdout.includes('--- a/node1/zoo.cfg\n+++ b/node1/zoo.cfg\n'), dry.stdout);
    assert.deepEqual(dry.stdout.split('\n').filter((l) => /^[-+]server/.test(l)), ['-server.2=10.150.19.15:2888:3888', '+server.2=10.100.19.15:2888:3888']);
    assert.deepEqual(snapshot(root), seedFiles(), 'a dry run writes nothing');

    const fixed = run(['fix'], root);
    assert.equal(fixed.code, 0, fixed.stdout);
    const after = snapshot(root);
    const changedLines = Object.keys(after).flatMap((file) => {
      const a = seedFiles()[file].split('\n');
      return after[file].split('\n').flatMap((line, i) => (line === a[i] ? [] : [`${file}:${i + 1}: ${line}`]));
    });
    assert.deepEqual(changedLines, ['node1/zoo.cfg:33: server.2=10.100.19.15:2888:3888']);
    assert.equal(run(['check'], root).code, 0, 'no error remains');

    const again = run(['fix'], root);
    assert.match(again.stdout, /^0 files changed; 0 errors remain$/m);
    assert.deepEqual(snapshot(root), after);
  });

  it('keeps CRLF line endings, the byte order mark, comments and key order', () => {
    const node = (id: number, server3: string) =>
      `\uFEFF# node ${id}\r\ntickTime=2000\r\ninitLimit=10\r\nsyncLimit=5\r\ndataDir=/var/lib/zookeeper\r\nclientPort=2181\r\nserver.1=10.0.0.1:2888:3888\r\nserver.2=10.0.0.2:2888:3888\r\nserver.3=${server3}\r\n`;
    const root = tempWorkspace({
      'node1/zoo.cfg': node(1, '10.0.0.3:2888:3888'),
      'node1/myid': '1\n',
      'node2/zoo.cfg': node(2, '10.0.0.3:2888:3888'),
      'node2/myid': '2\n',
      'node3/zoo.cfg': node(3, '10.0.0.3:2889:3889'),
      'node3/myid': '3\n',
    });
    assert.equal(run(['fix'], root).code, 0);
    assert.equal(fs.readFileSync(path.join(root, 'node3/zoo.cfg'), 'utf8'), node(3, '10.0.0.3:2888:3888'));
    assert.equal(fs.readFileSync(path.join(root, 'node1/zoo.cfg'), 'utf8'), node(1, '10.0.0.3:2888:3888'));
  });

  it('creates a missing myid with the id the node implies, and never overwrites', () => {
    const cfg = 'tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/var/lib/zookeeper\nclientPort=2181\nserver.1=10.0.0.1:2888:3888\nserver.2=10.0.0.2:2888:3888\nserver.3=10.0.0.3:2888:3888\n';
    const root = tempWorkspace({ 'node1/zoo.cfg': cfg, 'node1/myid': '1\n', 'node2/zoo.cfg': cfg, 'node2/myid': '2\n', 'node3/zoo.cfg': cfg });
    const result = run(['fix'], root);
    assert.match(result.stdout, /^created node3\/myid$/m, result.stdout);
    assert.equal(fs.readFileSync(path.join(root, 'node3/myid'), 'utf8'), '3\n');
    assert.equal(run(['check'], root).code, 0);
  });
});
