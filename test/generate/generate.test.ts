/**
 * The generator's contract: whatever `zk-ensemble generate` writes, `zk-ensemble check` finds nothing to say
 * about (no error, no warning), in every layout and size; and it never writes over a file without --force,
 * nor outside --out.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultSpec, generateFiles, GenerateOptions, Layout, validateGenerateOptions } from '../../server/src/core/generate';

const BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'zk-ensemble.js');

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonReport {
  diagnostics: { file: string; severity: string; code: string; message: string }[];
  ensembles: { nodes: { id: number | null; host: string | null; clientPort: number | null; quorumPort: number | null; electionPort: number | null; role: string | null; version: string }[] }[];
  skipped: { file: string; reason: string }[];
}

/** Every file below `root`, relative, '/'-separated, with its bytes. */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isSymbolicLink()) files.set(path.relative(root, full).split(path.sep).join('/'), `-> ${fs.readlinkSync(full)}`);
      else if (entry.isDirectory()) walk(full);
      else files.set(path.relative(root, full).split(path.sep).join('/'), fs.readFileSync(full, 'latin1'));
    }
  };
  if (fs.existsSync(root)) walk(root);
  return files;
}

const LAYOUTS: Layout[] = ['hosts', 'compose', 'local'];
const SIZES = [1, 3, 5, 7];
const VERSIONS = ['3.4', '3.8'];
const PINNED: Record<string, string> = { '3.4': '3.4.14', '3.8': '3.8.4' };

let root: string;
before(() => {
  // The real path: on macOS os.tmpdir() is itself a link, which --out refuses.
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zk-generate-')));
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

describe('generated ensembles are clean for zk-ensemble check', () => {
  for (const version of VERSIONS) {
    for (const layout of LAYOUTS) {
      for (const nodes of SIZES) {
        it(`${nodes} node${nodes === 1 ? '' : 's'}, ${layout} layout, ZooKeeper ${version}`, () => {
          const name = `${layout}-${nodes}-${version}`;
          const generated = run(['generate', '--nodes', String(nodes), '--layout', layout, '--out', name, '--zookeeper-version', version], root);
          assert.equal(generated.code, 0, generated.stderr);
          assert.equal(generated.stderr, '');
          const listed = generated.stdout.trim().split('\n');
          assert.deepEqual([...snapshot(path.join(root, name)).keys()].map((f) => `${name}/${f}`).sort(), [...listed].sort(), 'stdout lists exactly the files written');

          const checked = run(['check', name, '--format', 'json', '--zookeeper-version', version], root);
          assert.equal(checked.code, 0, checked.stdout + checked.stderr);
          const report: JsonReport = JSON.parse(checked.stdout);
          const loud = report.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
          assert.deepEqual(loud, [], 'generated files get no error and no warning');
          assert.deepEqual(report.skipped, []);
          assert.equal(report.ensembles.length, 1, 'one ensemble');
          const found = report.ensembles[0].nodes;
          assert.equal(found.length, nodes);
          if (nodes > 1) {
            assert.deepEqual(found.map((n) => n.id).sort((a, b) => (a ?? 0) - (b ?? 0)), Array.from({ length: nodes }, (_, i) => i + 1));
            assert.ok(found.every((n) => n.role === 'participant'));
          }
          // The version comes from the pinned image tag where there is an image.
          const expectedVersion = layout === 'local' ? version : PINNED[version];
          assert.ok(found.every((n) => n.version === expectedVersion), found.map((n) => n.version).join(', '));
          if (layout === 'local' && nodes > 1) {
            assert.deepEqual(found.map((n) => [n.host, n.clientPort, n.quorumPort, n.electionPort]).sort(), Array.from({ length: nodes }, (_, i) => ['127.0.0.1', 2181 + i, 2888 + i, 3888 + i]));
          }
          if (layout === 'hosts' && nodes > 1) {
            assert.deepEqual(found.map((n) => n.host).sort(), Array.from({ length: nodes }, (_, i) => `zoo${i + 1}`).sort());
          }
        });
      }
    }
  }
});

describe('generated ensembles with chosen hosts and ports are clean too', () => {
  const cases: [string, string[]][] = [
    ['hosts-named', ['--layout', 'hosts', '--hosts', 'zk-a.example.com,zk-b.example.com,10.0.0.3']],
    ['hosts-ports', ['--layout', 'hosts', '--nodes', '5', '--client-port', '12181', '--quorum-port', '12888', '--election-port', '13888']],
    ['compose-named', ['--layout', 'compose', '--hosts', 'kafka-zk-1,kafka-zk-2,kafka-zk-3', '--client-port', '12181', '--quorum-port', '12888', '--election-port', '13888']],
    ['local-ports', ['--layout', 'local', '--nodes', '5', '--client-port', '12181', '--quorum-port', '12888', '--election-port', '13888', '--zookeeper-version', '3.6']],
  ];
  for (const [name, args] of cases) {
    it(name, () => {
      const generated = run(['generate', '--out', name, ...args], root);
      assert.equal(generated.code, 0, generated.stderr);
      const checked = run(['check', name, '--format', 'json', '--zookeeper-version', '3.6'], root);
      assert.equal(checked.code, 0, checked.stdout);
      const report: JsonReport = JSON.parse(checked.stdout);
      assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'), []);
      assert.equal(report.ensembles.length, 1);
    });
  }
});

describe('generated text', () => {
  const files = (options: Partial<GenerateOptions> & { layout: Layout }) => {
    const full: GenerateOptions = { nodes: 3, outDir: '/srv/zk', ...options };
    assert.deepEqual(validateGenerateOptions(full), []);
    return new Map(generateFiles(defaultSpec(full)).map((f) => [f.path, f.text]));
  };
  const serverLines = (text: string) => text.split('\n').filter((line) => line.startsWith('server.'));

  it('writes 3.8 server lines with the client part, 3.4 lines without it and with clientPort', () => {
    const modern = files({ layout: 'hosts' }).get('/srv/zk/zoo2/zoo.cfg')!;
    assert.deepEqual(serverLines(modern), ['server.1=zoo1:2888:3888;2181', 'server.2=zoo2:2888:3888;2181', 'server.3=zoo3:2888:3888;2181']);
    assert.match(modern, /^clientPort=2181$/m);
    assert.match(modern, /^quorumListenOnAllIPs=true$/m);
    assert.doesNotMatch(modern, /0\.0\.0\.0/);
    for (const layout of LAYOUTS) {
      const texts = [...files({ layout, zookeeperVersion: '3.4' }).values()].join('\n');
      assert.doesNotMatch(texts, /:3888;|:3890;|;2181/, `${layout}: no ';clientPort' on 3.4`);
      assert.doesNotMatch(texts, /admin\.|ZOO_4LW|ZOO_CFG_EXTRA/, `${layout}: nothing 3.4 does not read`);
    }
  });

  it('hosts: one folder per host with the image reading the mounted config and myid', () => {
    const out = files({ layout: 'hosts', hosts: ['zk-a.example.com', 'zk-b.example.com', '10.0.0.3'] });
    assert.deepEqual([...out.keys()].filter((p) => p.endsWith('myid')), ['/srv/zk/zk-a.example.com/myid', '/srv/zk/zk-b.example.com/myid', '/srv/zk/10.0.0.3/myid']);
    assert.equal(out.get('/srv/zk/10.0.0.3/myid'), '3\n');
    const compose = out.get('/srv/zk/zk-a.example.com/docker-compose.yml')!;
    for (const line of ['image: zookeeper:3.8.4', '- ./zoo.cfg:/conf/zoo.cfg', '- ./myid:/data/myid', '- data:/data', '- "2181:2181"', '- "2888:2888"', '- "3888:3888"']) {
      assert.ok(compose.includes(line), line);
    }
  });

  it('compose: distinct published client and AdminServer ports, full server words, a volume per node', () => {
    const compose = files({ layout: 'compose', nodes: 5, clientPort: 12181 }).get('/srv/zk/docker-compose.yml')!;
    for (let i = 1; i <= 5; i++) {
      assert.ok(compose.includes(`- "${12180 + i}:2181"`), `client ${i}`);
      assert.ok(compose.includes(`- "${8080 + i}:8080"`), `admin ${i}`);
      assert.ok(compose.includes(`- zoo${i}-data:/data`) && compose.includes(`- zoo${i}-datalog:/datalog`), `volumes ${i}`);
      assert.ok(compose.includes(`ZOO_MY_ID: "${i}"`));
    }
    assert.ok(compose.includes('ZOO_SERVERS: "server.1=zoo1:2888:3888;2181 server.2=zoo2:2888:3888;2181 server.3=zoo3:2888:3888;2181 server.4=zoo4:2888:3888;2181 server.5=zoo5:2888:3888;2181"'));
    const legacy = files({ layout: 'compose', zookeeperVersion: '3.4' }).get('/srv/zk/docker-compose.yml')!;
    assert.ok(legacy.includes('ZOO_SERVERS: "server.1=zoo1:2888:3888 server.2=zoo2:2888:3888 server.3=zoo3:2888:3888"'));
    assert.ok(legacy.includes('image: zookeeper:3.4.14'));
    assert.doesNotMatch(legacy, /8080/);
  });

  it('local: absolute dataDir holding the myid, consecutive ports, AdminServer off', () => {
    const out = files({ layout: 'local', clientPort: 22181, quorumPort: 22888, electionPort: 23888 });
    const cfg = out.get('/srv/zk/node3/zoo.cfg')!;
    assert.match(cfg, /^dataDir=\/srv\/zk\/node3\/data$/m);
    assert.match(cfg, /^clientPort=22183$/m);
    assert.match(cfg, /^admin\.enableServer=false$/m);
    assert.deepEqual(serverLines(cfg), ['server.1=127.0.0.1:22888:23888;22181', 'server.2=127.0.0.1:22889:23889;22182', 'server.3=127.0.0.1:22890:23890;22183']);
    assert.equal(out.get('/srv/zk/node3/data/myid'), '3\n');
  });

  it('one node is standalone: no server line and no myid', () => {
    for (const layout of LAYOUTS) {
      const out = files({ layout, nodes: 1 });
      assert.ok([...out.keys()].every((p) => !p.endsWith('/myid')), layout);
      for (const text of out.values()) assert.doesNotMatch(text, /^\s*(server\.|ZOO_SERVERS:|ZOO_MY_ID:)/m, layout);
    }
  });

  it('escapes what java.util.Properties would misread in dataDir (ZooKeeper reads zoo.cfg as ISO-8859-1)', () => {
    const cfg = files({ layout: 'local', outDir: '/srv/zk é\\x' }).get('/srv/zk é\\x/node1/zoo.cfg')!;
    assert.match(cfg, /^dataDir=\/srv\/zk \\u00e9\\\\x\/node1\/data$/m);
  });

  it('keeps every file inside the output folder', () => {
    for (const layout of LAYOUTS) {
      for (const p of files({ layout, nodes: 7 }).keys()) assert.ok(p.startsWith('/srv/zk/'), p);
    }
  });

  it('explains bad options without naming CLI flags', () => {
    const messages = validateGenerateOptions({ nodes: 256, layout: 'hosts', outDir: 'relative', hosts: ['a'], clientPort: 0, zookeeperVersion: '3.3' });
    assert.equal(messages.length, 5, messages.join('\n'));
    assert.ok(messages.every((m) => !m.includes('--')), messages.join('\n'));
    assert.deepEqual(validateGenerateOptions({ nodes: 3, layout: 'local', outDir: '/x', clientPort: 2887 }), [
      'The client ports 2887-2889 overlap the quorum ports 2888-2890 on this machine: move one range.',
    ]);
  });
});

describe('zk-ensemble generate writes safely', () => {
  it('checks a dataDir with non-ASCII characters and blanks and finds the myid there', () => {
    const name = 'dir é x';
    assert.equal(run(['generate', '--layout', 'local', '--out', name], root).code, 0);
    assert.ok(fs.existsSync(path.join(root, name, 'node1', 'data', 'myid')));
    const report: JsonReport = JSON.parse(run(['check', name, '--format', 'json'], root).stdout);
    assert.deepEqual(report.diagnostics, []);
    assert.equal(report.ensembles[0].nodes.length, 3);
  });

  it('refuses to overwrite without --force, writing nothing, and overwrites with it', () => {
    const out = path.join(root, 'refuse');
    assert.equal(run(['generate', '--layout', 'hosts', '--out', out], root).code, 0);
    fs.writeFileSync(path.join(out, 'zoo2', 'zoo.cfg'), 'edited by hand\n');
    fs.rmSync(path.join(out, 'zoo3', 'myid'));
    const before = snapshot(out);

    const refused = run(['generate', '--layout', 'hosts', '--out', out], root);
    assert.equal(refused.code, 1);
    assert.equal(refused.stdout, '');
    assert.match(refused.stderr, /--force/);
    assert.match(refused.stderr, /refuse\/zoo2\/zoo\.cfg/);
    assert.deepEqual(snapshot(out), before, 'byte-identical, and the missing myid was not written either');

    const forced = run(['generate', '--layout', 'hosts', '--out', out, '--force'], root);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(fs.readFileSync(path.join(out, 'zoo2', 'zoo.cfg'), 'utf8'), /^server\.2=zoo2:2888:3888;2181$/m);
    assert.equal(fs.readFileSync(path.join(out, 'zoo3', 'myid'), 'utf8'), '3\n');
  });

  it('refuses an output folder reached through a symbolic link that leaves it', () => {
    const elsewhere = path.join(root, 'elsewhere');
    fs.mkdirSync(elsewhere);
    fs.symlinkSync(elsewhere, path.join(root, 'link'));
    const viaLink = run(['generate', '--layout', 'local', '--out', 'link/out'], root);
    assert.equal(viaLink.code, 1);
    assert.match(viaLink.stderr, /symbolic link/);
    assert.deepEqual([...snapshot(elsewhere).keys()], []);

    // A link below --out (a node folder pointing elsewhere) is refused even with --force.
    const out = path.join(root, 'inner');
    fs.mkdirSync(out);
    fs.symlinkSync(elsewhere, path.join(out, 'node1'));
    const inner = run(['generate', '--layout', 'local', '--out', out, '--force'], root);
    assert.equal(inner.code, 1);
    assert.match(inner.stderr, /symbolic link/);
    assert.deepEqual([...snapshot(elsewhere).keys()], []);
    assert.deepEqual([...snapshot(out).keys()], ['node1'], 'nothing written beside the link either');
  });

  it('exits 2 on bad usage and writes nothing', () => {
    const cases: string[][] = [
      ['--layout', 'local'],
      ['--out', 'bad'],
      ['--out', 'bad', '--layout', 'ring'],
      ['--out', 'bad', '--layout', 'local', '--nodes', '0'],
      ['--out', 'bad', '--layout', 'local', '--nodes', 'three'],
      ['--out', 'bad', '--layout', 'local', '--nodes', '256'],
      ['--out', 'bad', '--layout', 'hosts', '--hosts', 'a,b'],
      ['--out', 'bad', '--layout', 'hosts', '--hosts', 'a,a,b'],
      ['--out', 'bad', '--layout', 'local', '--hosts', 'a,b,c'],
      ['--out', 'bad', '--layout', 'local', '--client-port', '70000'],
      ['--out', 'bad', '--layout', 'hosts', '--quorum-port', '3888'],
      ['--out', 'bad', '--layout', 'local', '--zookeeper-version', '4.0'],
      ['--out', 'bad', '--layout', 'local', '--frobnicate'],
      ['bad', '--layout', 'local'],
    ];
    for (const args of cases) {
      const result = run(['generate', ...args], root);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /^zk-ensemble: /);
      assert.match(result.stderr, /Usage:/);
    }
    assert.equal(fs.existsSync(path.join(root, 'bad')), false);
  });
});
