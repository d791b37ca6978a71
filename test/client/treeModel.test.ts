/**
 * The "Ensembles" view's model, data-driven: real summaries and diagnostics from the language server (over the
 * LSP harness) in, every item's label, description, icon, context value, command and children out, rendered
 * as an outline and compared whole. The provider in client/src only converts these to VS Code's types.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import { buildTree, connectionString, type DiagnosticInfo, describeFile, type EnsembleStatus, type EnsembleSummary, type TreeInput, type TreeItemModel } from '../../client/src/tree/model';
import { defaultSpec, generateFiles } from '../../server/src/core/generate';
import { type ServerUnderTest, withServer } from '../lsp/harness';
import { seedFiles } from '../seed';

const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;

/** What the server says about a workspace: its ensembles and every file's diagnostics, as the client sees them. */
async function snapshot(server: ServerUnderTest, nodes: number): Promise<{ ensembles: EnsembleSummary[]; diagnostics: Map<string, DiagnosticInfo[]> }> {
  const { ensembles } = await server.waitForNotification<{ ensembles: EnsembleSummary[] }>('zookeeper/ensemblesChanged', (p) => p.ensembles.reduce((n, e) => n + e.nodes.length, 0) === nodes);
  const diagnostics = new Map<string, DiagnosticInfo[]>();
  for (const file of new Set(ensembles.flatMap((e) => e.nodes.flatMap((n) => n.files)))) {
    const published: Diagnostic[] = await server.waitForAnyDiagnostics(server.uri(path.relative(server.root, file)));
    diagnostics.set(file, published.map((d) => ({ severity: SEVERITIES[(d.severity ?? 1) - 1], line: d.range.start.line, source: d.source })));
  }
  return { ensembles, diagnostics };
}

function input(server: ServerUnderTest, ensembles: EnsembleSummary[], diagnostics: Map<string, DiagnosticInfo[]>, extra: Partial<TreeInput> = {}): TreeInput {
  return { ensembles, diagnostics: (file) => diagnostics.get(file) ?? [], displayPath: (file) => path.relative(server.root, file), ...extra };
}

/** One line per item: label — description [icon color] {context} → command(args), children indented. */
function render(items: readonly TreeItemModel[], root: string, depth = 0): string[] {
  const relative = (value: unknown) => (typeof value === 'string' && value.startsWith(root) ? path.relative(root, value) : JSON.stringify(value));
  return items.flatMap((item) => [
    `${'  '.repeat(depth)}${item.label} — ${item.description} [${item.icon.id}${item.icon.color ? ` ${item.icon.color}` : ''}] {${item.contextValue}}${item.command ? ` → ${item.command.command}(${item.command.arguments.map(relative).join(', ')})` : ''}`,
    ...render(item.children, root, depth + 1),
  ]);
}

function allIds(items: readonly TreeItemModel[]): string[] {
  return items.flatMap((item) => [item.id, ...allIds(item.children)]);
}

describe('tree model: the seed (three hosts, node1 wrong about server.2)', () => {
  it('renders the server\'s summaries and diagnostics', async () => {
    // In a folder named like the example, which names the ensemble.
    const files = Object.fromEntries(Object.entries(seedFiles()).map(([file, text]) => [`seed-3-hosts/${file}`, text]));
    await withServer(files, async (server) => {
      const { ensembles, diagnostics } = await snapshot(server, 3);
      const tree = buildTree(input(server, ensembles, diagnostics));
      assert.deepEqual(render(tree, server.root), [
        'seed-3-hosts — 3 nodes · tolerates 1 failure · 2 errors, 3 warnings [warning problemsWarningIcon.foreground] {ensemble zoocfg myid compose connect}',
        '  server.1 — 10.100.158.245 · client 2181 · quorum 2888 · election 3888 · participant · 1 error, 1 warning [error problemsErrorIcon.foreground] {node zoocfg myid compose connect}',
        '    zoo.cfg — seed-3-hosts/node1 · 1 error [file] {file zoocfg} → zookeeper.openFile(seed-3-hosts/node1/zoo.cfg, 32)',
        '    myid — seed-3-hosts/node1 [file] {file myid} → zookeeper.openFile(seed-3-hosts/node1/myid)',
        '    docker-compose.yml — seed-3-hosts/node1 · 1 warning [file] {file compose} → zookeeper.openFile(seed-3-hosts/node1/docker-compose.yml, 3)',
        '  server.2 — client 2181 · quorum 2888 · election 3888 · participant · 1 warning [warning problemsWarningIcon.foreground] {node zoocfg myid compose}',
        '    zoo.cfg — seed-3-hosts/node2 [file] {file zoocfg} → zookeeper.openFile(seed-3-hosts/node2/zoo.cfg)',
        '    myid — seed-3-hosts/node2 [file] {file myid} → zookeeper.openFile(seed-3-hosts/node2/myid)',
        '    docker-compose.yml — seed-3-hosts/node2 · 1 warning [file] {file compose} → zookeeper.openFile(seed-3-hosts/node2/docker-compose.yml, 3)',
        '  server.3 — 10.100.124.217 · client 2181 · quorum 2888 · election 3888 · participant · 1 error, 1 warning [error problemsErrorIcon.foreground] {node zoocfg myid compose connect}',
        '    zoo.cfg — seed-3-hosts/node3 · 1 error [file] {file zoocfg} → zookeeper.openFile(seed-3-hosts/node3/zoo.cfg, 32)',
        '    myid — seed-3-hosts/node3 [file] {file myid} → zookeeper.openFile(seed-3-hosts/node3/myid)',
        '    docker-compose.yml — seed-3-hosts/node3 · 1 warning [file] {file compose} → zookeeper.openFile(seed-3-hosts/node3/docker-compose.yml, 3)',
      ]);
      const [ensemble] = tree;
      assert.equal(ensemble.collapsible, 'expanded');
      assert.equal(ensemble.children[0].collapsible, 'collapsed');
      assert.equal(ensemble.connectionString, '10.100.158.245:2181,10.100.124.217:2181');
      assert.equal(ensemble.children[0].connectionString, '10.100.158.245:2181');
      assert.equal(ensemble.children[1].connectionString, undefined, 'node1 and node3 disagree about server.2\'s host');
      assert.deepEqual(ensemble.files.zoocfg.map((f) => path.relative(server.root, f)), ['seed-3-hosts/node1/zoo.cfg', 'seed-3-hosts/node2/zoo.cfg', 'seed-3-hosts/node3/zoo.cfg']);
      assert.match(ensemble.tooltip, /Problems: 2 errors, 3 warnings\./);
      assert.match(ensemble.children[0].tooltip, /^\*\*server\.1\*\* · node1 · ZooKeeper 3\.4\.13/);

      // Stable ids: the same data gives the same ids, and they are unique.
      const ids = allIds(tree);
      assert.equal(new Set(ids).size, ids.length);
      assert.deepEqual(allIds(buildTree(input(server, ensembles, diagnostics))), ids);

      // The language status item of node1's zoo.cfg.
      const node1 = path.join(server.root, 'seed-3-hosts/node1/zoo.cfg');
      assert.deepEqual(describeFile(ensembles, node1, diagnostics.get(node1)!), {
        text: 'server.1 · seed-3-hosts',
        detail: '1 error in this file',
        severity: 'error',
        itemId: ensemble.children[0].id,
      });
      assert.equal(describeFile(ensembles, path.join(server.root, 'elsewhere/zoo.cfg'), []).text, 'No ZooKeeper node');
    });
  });
});

describe('tree model: a generated 4-node hosts ensemble', () => {
  const outDir = '/gen';
  const files = Object.fromEntries(generateFiles(defaultSpec({ nodes: 4, layout: 'hosts', outDir })).map((f) => [f.path.slice(outDir.length + 1), f.text]));

  it('warns about the even size, counts only zk-ensemble\'s diagnostics, and shows live status', async () => {
    await withServer(files, async (server) => {
      const { ensembles, diagnostics } = await snapshot(server, 4);
      // Another extension's diagnostic on a compose file is not counted.
      const compose = path.join(server.root, 'zoo1/docker-compose.yml');
      diagnostics.set(compose, [...(diagnostics.get(compose) ?? []), { severity: 'error', line: 0, source: 'yaml' }]);
      const ensembleKey = ensembles[0].key;
      const nodeStatus = (i: number, state: 'leader' | 'follower' | 'unreachable') => ({
        key: ensembles[0].nodes[i].key, id: i + 1, label: `zoo${i + 1}`, address: `zoo${i + 1}:2181`, state,
        detail: state === 'unreachable' ? 'connection refused: nothing listens on zoo4:2181' : null,
        zxid: state === 'unreachable' ? null : '0x100000000', latency: state === 'unreachable' ? null : { min: 0, avg: 0.5, max: 3 },
        connections: state === 'unreachable' ? null : 2, outstanding: null, nodeCount: null, version: null, mntr: null,
      });
      const status: EnsembleStatus = {
        key: ensembleKey, name: ensembles[0].name, healthy: false, summary: '1 leader, 2 followers, 1 unreachable',
        problems: ['server.4 (zoo4:2181) is unreachable: connection refused: nothing listens on zoo4:2181.'],
        nodes: [nodeStatus(0, 'follower'), nodeStatus(1, 'leader'), nodeStatus(2, 'follower'), nodeStatus(3, 'unreachable')],
      };

      const plain = buildTree(input(server, ensembles, diagnostics));
      const [first] = render(plain, server.root);
      assert.match(first, /^\S+ — 4 nodes · tolerates 1 failure · 4 warnings \[warning problemsWarningIcon\.foreground\] \{ensemble zoocfg myid compose connect\}$/);
      assert.match(plain[0].tooltip, /an even number of participants tolerates no more failures than one fewer/);

      const live = buildTree(input(server, ensembles, diagnostics, { status: new Map([[ensembleKey, status]]), statusTime: () => '12:03:04' }));
      const lines = render(live, server.root).filter((line) => !line.startsWith('    '));
      assert.deepEqual(lines.slice(1), [
        '  server.1 — follower · zoo1 · client 2181 · quorum 2888 · election 3888 · participant · 1 warning [pass testing.iconPassed] {node zoocfg myid compose connect}',
        '  server.2 — leader · zoo2 · client 2181 · quorum 2888 · election 3888 · participant · 1 warning [star-full testing.iconPassed] {node zoocfg myid compose connect}',
        '  server.3 — follower · zoo3 · client 2181 · quorum 2888 · election 3888 · participant · 1 warning [pass testing.iconPassed] {node zoocfg myid compose connect}',
        '  server.4 — unreachable · zoo4 · client 2181 · quorum 2888 · election 3888 · participant · 1 warning [debug-disconnect problemsErrorIcon.foreground] {node zoocfg myid compose connect}',
      ]);
      assert.match(lines[0], / — 4 nodes · tolerates 1 failure · 1 leader, 2 followers, 1 unreachable · 4 warnings \[warning/);
      assert.match(live[0].children[1].tooltip, /\*\*Live status\*\* \(12:03:04\): leader\n\nat zoo2:2181 · zxid 0x100000000 · latency min\/avg\/max 0\/0\.5\/3 ms · 2 connections/);
      assert.match(live[0].children[3].tooltip, /unreachable — connection refused: nothing listens on zoo4:2181/);
      assert.match(live[0].tooltip, /not healthy.*\n- server\.4 \(zoo4:2181\) is unreachable/);
      assert.equal(live[0].connectionString, 'zoo1:2181,zoo2:2181,zoo3:2181,zoo4:2181');
      assert.deepEqual(allIds(live), allIds(plain), 'live status keeps the ids (and so what is expanded)');
    });
  });
});

describe('connectionString', () => {
  const node = (host: string | null, clientPort: number | null) => ({ key: `${host}`, id: 1, label: 'n', host, clientPort, quorumPort: null, electionPort: null, role: null, version: '3.8', files: [] });
  it('joins known host:port pairs once each, with IPv6 in brackets', () => {
    assert.equal(connectionString([node('a', 2181), node(null, 2182), node('a', 2181), node('::1', 2183), node('b', null)]), 'a:2181,[::1]:2183');
    assert.equal(connectionString([node(null, 2181)]), undefined);
  });
});
