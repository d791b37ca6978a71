'use strict';
/**
 * zk-ensemble benchmark (`npm run bench`): synthetic workspaces of 1, 100 and 1,000 ensembles, measured through
 * the real language server over stdio, plus the CLI and ZooKeeper's own parser on the bundled seed example.
 * Writes bench/results.json and prints a table. Not a test: nothing here asserts a timing.
 *
 * Options:
 *   --sizes 1,100,1000   ensemble counts (default 1,100,1000; the largest also gets 10,000 unrelated files)
 *   --edits 200          measured edits per size (after 20 warm-up edits)
 *   --runs 5             floor measurements and server starts per size, taken in turns (medians; the edit loop
 *                        runs on the last server)
 *   --profile DIR        run the (last) server of the largest size with --cpu-prof into DIR
 *   --no-write           print only, leave bench/results.json alone
 *   --keep               keep the generated workspaces (their folders are printed)
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { JIT_FLAGS } = require('../bin/load-bundle');
const { generateWorkspace } = require('./generate');
const { BenchServer } = require('./lsp');

const REPO = path.resolve(__dirname, '..');
const WARMUP_EDITS = 20;
const UNRELATED_FILES = 10000;
const ZOOKEEPER_JAR = '/usr/share/java/zookeeper.jar';

function parseArgs(argv) {
  const options = { sizes: [1, 100, 1000], edits: 200, runs: 5, profile: undefined, write: true, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--sizes') options.sizes = argv[++i].split(',').map(Number);
    else if (arg === '--edits') options.edits = Number(argv[++i]);
    else if (arg === '--runs') options.runs = Number(argv[++i]);
    else if (arg === '--profile') options.profile = path.resolve(argv[++i]);
    else if (arg === '--no-write') options.write = false;
    else if (arg === '--keep') options.keep = true;
    else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (value, digits = 1) => (value === null || value === undefined ? null : Math.round(value * 10 ** digits) / 10 ** digits);

/**
 * One measurement of the floor (bench/floor.js in a process of its own) over the files listed in `list`, under the
 * V8 flags the server's bin sets, so that the ratio compares the server with the same parsers run the same way.
 */
function floorOnce(list) {
  const result = spawnSync(process.execPath, [...JIT_FLAGS, path.join(__dirname, 'floor.js'), list], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`floor.js failed: ${result.stderr}`);
  return JSON.parse(result.stdout).ms;
}

/** Starts a server, waits for the last diagnostics of its first scan; returns the server and coldMs. */
async function coldStart(root, nodeArgs) {
  const server = new BenchServer(root, nodeArgs);
  const sentAt = await server.initialize();
  const lastAt = await server.waitForFirstScan(120000);
  return { server, coldMs: lastAt - sentAt };
}

/** Alternates making and fixing a server-line mismatch in one open zoo.cfg; returns each edit's latency. */
async function editLoop(server, target, edits) {
  const uri = server.uri(target.path);
  let text = fs.readFileSync(target.path, 'utf8');
  await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'zoocfg', version: 1, text } });
  const lines = text.split('\n');
  let version = 1;
  let current = target.serverText;
  const latencies = [];
  for (let i = 0; i < WARMUP_EDITS + edits; i++) {
    const broken = current === target.serverText;
    const replacement = broken ? target.brokenText : target.serverText;
    const after = server.publications(uri);
    const started = performance.now();
    await server.notify('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: { line: target.serverLine, character: 0 }, end: { line: target.serverLine, character: current.length } }, text: replacement }],
    });
    const publication = await server.waitForPublication(uri, after, (diagnostics) => diagnostics.some((d) => d.code === 'server-mismatch') === broken, 10000);
    if (i >= WARMUP_EDITS) latencies.push(publication.at - started);
    current = replacement;
    lines[target.serverLine] = current;
  }
  text = lines.join('\n');
  return latencies;
}

async function measureSize(ensembles, options, isLargest) {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `zk-bench-${ensembles}-`)));
  const list = path.join(os.tmpdir(), `zk-bench-files-${process.pid}.json`);
  try {
    const { candidates, editTarget } = generateWorkspace(root, { ensembles, unrelated: isLargest && ensembles >= 1000 ? UNRELATED_FILES : 0 });
    const target = { ...editTarget, path: path.join(root, editTarget.path) };
    // Each cold start follows a floor measurement, so that both medians come from the same stretch of the
    // machine's load (on a shared machine either can drift by a third within minutes).
    fs.writeFileSync(list, JSON.stringify(candidates));
    const floors = [];
    const colds = [];
    let server;
    for (let run = 0; run < options.runs; run++) {
      floors.push(floorOnce(list));
      const profiling = options.profile && isLargest && run === options.runs - 1;
      const nodeArgs = profiling ? ['--cpu-prof', `--cpu-prof-dir=${options.profile}`] : [];
      const started = await coldStart(root, nodeArgs);
      colds.push(started.coldMs);
      if (run < options.runs - 1) await started.server.shutdown();
      else server = started.server;
    }
    let latencies;
    let rssMb;
    try {
      latencies = await editLoop(server, target, options.edits);
      rssMb = server.peakRssMb();
    } finally {
      await server.shutdown();
    }
    if (options.keep) console.error(`kept ${root}`);
    return {
      ensembles,
      files: candidates.length,
      coldMs: round(median(colds)),
      floorMs: round(median(floors)),
      editP50Ms: round(percentile(latencies, 50), 2),
      editP95Ms: round(percentile(latencies, 95), 2),
      rssMb: round(rssMb),
    };
  } finally {
    fs.rmSync(list, { force: true });
    if (!options.keep) fs.rmSync(root, { recursive: true, force: true });
  }
}

function cliSeedMs() {
  const runs = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [path.join(REPO, 'bin', 'zk-ensemble.js'), 'check', path.join(REPO, 'examples', 'seed-3-hosts')], { encoding: 'utf8' });
    runs.push(performance.now() - started);
    if (result.status !== 0 && result.status !== 1) throw new Error(`the CLI failed on the seed: ${result.stderr}`);
  }
  return round(median(runs));
}

/** ZooKeeper 3.8's own parse-only check (test/zookeeper/ZkConfigCheck.java) of the seed's three nodes, whole JVM. */
function zkParseSeedMs() {
  const hasTool = (tool) => !spawnSync(tool, ['-version'], { stdio: 'ignore' }).error;
  if (!hasTool('java') || !hasTool('javac') || !fs.existsSync(ZOOKEEPER_JAR)) return null;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-bench-zk-'));
  try {
    const classes = path.join(work, 'classes');
    fs.mkdirSync(classes);
    const compiled = spawnSync('javac', ['-cp', ZOOKEEPER_JAR, '-d', classes, path.join(REPO, 'test', 'zookeeper', 'ZkConfigCheck.java')], { encoding: 'utf8' });
    if (compiled.status !== 0) throw new Error(`javac failed: ${compiled.stderr}`);
    // The seed's dataDir is a container path: copy each zoo.cfg with dataDir (and dataLogDir) here, myid inside.
    const configs = [];
    for (const node of ['node1', 'node2', 'node3']) {
      const source = path.join(REPO, 'examples', 'seed-3-hosts', node);
      const dataDir = path.join(work, node, 'data');
      fs.mkdirSync(dataDir, { recursive: true });
      fs.copyFileSync(path.join(source, 'myid'), path.join(dataDir, 'myid'));
      const text = fs.readFileSync(path.join(source, 'zoo.cfg'), 'utf8')
        .replace(/^dataDir=.*$/m, `dataDir=${dataDir}`)
        .replace(/^dataLogDir=.*$/m, `dataLogDir=${path.join(work, node, 'logs')}`);
      const config = path.join(work, node, 'zoo.cfg');
      fs.writeFileSync(config, text);
      configs.push(config);
    }
    const runs = [];
    for (let i = 0; i < 7; i++) {
      const started = performance.now();
      const result = spawnSync('java', ['-Xmx128m', '-XX:TieredStopAtLevel=1', '-cp', `${classes}${path.delimiter}${ZOOKEEPER_JAR}`, 'ZkConfigCheck', ...configs], { encoding: 'utf8' });
      runs.push(performance.now() - started);
      const verdicts = result.stdout.split('\n').filter((line) => line.startsWith('RESULT\t'));
      if (verdicts.length !== configs.length) throw new Error(`ZkConfigCheck gave ${verdicts.length} verdicts: ${result.stdout}${result.stderr}`);
    }
    return round(median(runs));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function machine() {
  const cpus = os.cpus();
  return `${cpus[0]?.model?.trim() ?? 'unknown CPU'}, ${cpus.length} cores, Node ${process.version}`;
}

function table(results) {
  const header = ['ensembles', 'files', 'coldMs', 'floorMs', 'cold/floor', 'editP50Ms', 'editP95Ms', 'rssMb'];
  const rows = results.sizes.map((s) => [s.ensembles, s.files, s.coldMs, s.floorMs, round(s.coldMs / s.floorMs, 2), s.editP50Ms, s.editP95Ms, s.rssMb].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
  return [line(header), ...rows.map(line), '', `cliSeedMs ${results.cliSeedMs}   zkParseSeedMs ${results.zkParseSeedMs}`, results.machine].join('\n');
}

/** Other processes compete for the cores: worth knowing when reading the figures. */
function loadAverage() {
  return os.loadavg().map((l) => l.toFixed(2)).join(' ');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(REPO, 'out', 'server', 'src', 'lsp', 'main.js'))) throw new Error('build first: npm run build');
  if (options.profile) fs.mkdirSync(options.profile, { recursive: true });
  const largest = Math.max(...options.sizes);
  const loadBefore = loadAverage();
  const sizes = [];
  for (const ensembles of options.sizes) {
    process.stderr.write(`measuring ${ensembles} ensemble(s)...\n`);
    sizes.push(await measureSize(ensembles, options, ensembles === largest));
  }
  process.stderr.write('measuring the CLI and ZooKeeper on the seed...\n');
  const results = { sizes, cliSeedMs: cliSeedMs(), zkParseSeedMs: zkParseSeedMs(), machine: machine() };
  console.log(table(results));
  console.log(`load average ${loadBefore} before, ${loadAverage()} after (1, 5, 15 min)`);
  if (options.write) fs.writeFileSync(path.join(__dirname, 'results.json'), JSON.stringify(results, null, 2) + '\n');
}

main().catch((error) => {
  console.error(error.stack ?? String(error));
  process.exitCode = 1;
});
