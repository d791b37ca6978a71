import { strict as assert } from 'node:assert';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/core/rules';
import { SEED_FOLDER } from '../seed';
import { run, tempWorkspace } from './run';

interface JsonReport {
  diagnostics: { file: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; severity: string; code: string; message: string; related: { file: string; range: unknown; message: string }[] }[];
  ensembles: { name: string; nodes: { id: number | null; host: string | null; clientPort: number | null; quorumPort: number | null; electionPort: number | null; role: string | null; files: string[] }[] }[];
}

const CLEAN = 'tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/var/lib/zookeeper\nclientPort=2181\n';

describe('zk-ensemble check', () => {
  it('finds exactly the seed mismatch, with paths relative to the current directory', () => {
    const { code, stdout } = run(['check', 'seed-3-hosts', '--format', 'json'], path.dirname(SEED_FOLDER));
    assert.equal(code, 1);
    const report: JsonReport = JSON.parse(stdout);
    const errors = report.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors.map((d) => [d.code, d.file, d.range.start.line]), [
      ['server-mismatch', 'seed-3-hosts/node1/zoo.cfg', 32],
      ['server-mismatch', 'seed-3-hosts/node3/zoo.cfg', 32],
    ]);
    assert.deepEqual(errors[0].related.map((r) => r.file), ['seed-3-hosts/node3/zoo.cfg']);
    assert.deepEqual(errors[1].related.map((r) => r.file), ['seed-3-hosts/node1/zoo.cfg']);
    const warnings = report.diagnostics.filter((d) => d.severity !== 'error');
    assert.deepEqual(warnings.map((d) => [d.code, d.file]), [1, 2, 3].map((n) => ['image-mismatch', `seed-3-hosts/node${n}/docker-compose.yml`]));

    assert.equal(report.ensembles.length, 1);
    const nodes = report.ensembles[0].nodes;
    assert.deepEqual(nodes.map((n) => [n.id, n.host, n.clientPort, n.quorumPort, n.electionPort, n.role]), [
      [1, '10.100.158.245', 2181, 2888, 3888, 'participant'],
      [2, null, 2181, 2888, 3888, 'participant'], // node1 and node3 disagree on its address
      [3, '10.100.124.217', 2181, 2888, 3888, 'participant'],
    ]);
    assert.deepEqual(nodes[0].files, ['seed-3-hosts/node1/zoo.cfg', 'seed-3-hosts/node1/myid', 'seed-3-hosts/node1/docker-compose.yml']);
  });

  it('prints findings like a compiler, with related locations and a summary', () => {
    const { code, stdout } = run(['check', SEED_FOLDER], SEED_FOLDER);
    assert.equal(code, 1);
    const lines = stdout.trimEnd().split('\n');
    assert.ok(lines.includes("node1/zoo.cfg:33:1: error server-mismatch server.2 differs between nodes: '10.150.19.15:2888:3888' here, '10.100.19.15:2888:3888' in node3. Every node must list the same members; decide which is right."), stdout);
    assert.ok(lines.includes("    node3/zoo.cfg:33:1: server.2 in node3: '10.100.19.15:2888:3888'"), stdout);
    assert.match(lines[lines.length - 1], /^9 files, 1 ensemble, 3 nodes: 2 errors, 3 warnings/);
  });

  it('exits 0 on a clean tree and 1 as soon as there is an error', () => {
    const clean = tempWorkspace({ 'zoo.cfg': CLEAN });
    assert.equal(run(['check'], clean).code, 0);
    const broken = tempWorkspace({ 'zoo.cfg': CLEAN.replace('2181', '2181 # clients') });
    const { code, stdout } = run(['check', '.', '--format', 'json'], broken);
    assert.equal(code, 1);
    assert.deepEqual(JSON.parse(stdout).diagnostics.map((d: { code: string; file: string }) => [d.code, d.file]), [['inline-comment', 'zoo.cfg']]);
  });

  it('applies --rule and --zookeeper-version', () => {
    const tree = tempWorkspace({ 'zoo.cfg': `${CLEAN}tickTim=3000\nadmin.serverPort=9090\n` });
    const codes = (args: string[]) => (JSON.parse(run(['check', '--format', 'json', ...args], tree).stdout) as JsonReport).diagnostics.map((d) => `${d.severity} ${d.code}`);
    assert.deepEqual(codes([]), ['warning unknown-key']);
    assert.deepEqual(codes(['--rule', 'unknown-key=off']), []);
    assert.deepEqual(codes(['--rule', 'unknown-key=error']), ['error unknown-key']);
    assert.deepEqual(codes(['--zookeeper-version', '3.4']), ['warning unknown-key', 'warning unknown-key'], 'admin.* is unknown to 3.4');
  });

  it('exits 2 on bad usage and on a path that does not exist, without a stack trace', () => {
    const tree = tempWorkspace({ 'zoo.cfg': CLEAN });
    for (const args of [['check', 'no-such-folder'], ['check', '--format', 'xml'], ['check', '--rule', 'no-such-rule=off'], ['frobnicate'], []]) {
      const { code, stderr } = run(args, tree);
      assert.equal(code, 2, args.join(' '));
      assert.match(stderr, /^zk-ensemble: /);
      assert.doesNotMatch(stderr, /^\s+at .*:\d+:\d+\)?$/m, 'no stack trace');
    }
  });
});

describe('zk-ensemble rules', () => {
  it('lists every rule with its id and default severity', () => {
    const { code, stdout } = run(['rules', '--format', 'json'], os.tmpdir());
    assert.equal(code, 0);
    const listed = JSON.parse(stdout).rules.map((r: { id: string; defaultSeverity: string }) => `${r.id} ${r.defaultSeverity}`);
    assert.deepEqual(listed, RULES.map((r) => `${r.id} ${r.defaultSeverity}`));
  });
});
