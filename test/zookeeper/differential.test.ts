/**
 * Differential test against ZooKeeper's own config parser. Every case is written to its own folder;
 * ZooKeeper 3.8 (ZkConfigCheck.java on the Debian jar) says ACCEPTED or REFUSED, then our CLI checks
 * all folders in one run, and the two must agree:
 *   REFUSED                    => we report an error in that case's files (on zkLine when given);
 *   ACCEPTED, expect clean     => we report no error;
 *   ACCEPTED, expect findings  => we report at least one diagnostic (of a code the clean reference case
 *                                 does not get too: those come from the test's own layout).
 * Verdicts are computed on every run, never stored.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { corpusProblems, DifferentialCase, loadCorpus } from './corpus';

const REPO = path.join(__dirname, '..', '..', '..');
const ZOOKEEPER_JAR = '/usr/share/java/zookeeper.jar';
const CHECKER_SOURCE = path.join(REPO, 'test', 'zookeeper', 'ZkConfigCheck.java');
const CLI = path.join(REPO, 'bin', 'zk-ensemble.js');
const PROCESS_TIMEOUT_MS = 60_000;
/** The hand-written case every other one departs from. */
const REFERENCE_CASE = 'clean-three-servers';

interface Verdict {
  readonly accepted: boolean;
  readonly message: string;
}

interface Position {
  readonly line: number;
  readonly character: number;
}

interface Diagnostic {
  readonly file: string;
  readonly range: { readonly start: Position; readonly end: Position };
  readonly severity: 'error' | 'warning' | 'information' | 'hint';
  readonly code: string;
  readonly message: string;
}

test('zk-ensemble agrees with ZooKeeper 3.8 on single-node configs', async (t) => {
  const missing = missingOracle();
  if (missing) {
    t.skip(`ZooKeeper oracle unavailable: ${missing} (apt-get install -y --no-install-recommends zookeeper default-jdk-headless)`);
    return;
  }
  const corpus = loadCorpus();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-differential-'));
  t.after(() => fs.rmSync(workspace, { recursive: true, force: true }));

  await t.test('the corpus is well-formed', () => {
    assert.deepEqual(corpusProblems(corpus), []);
  });

  writeCases(workspace, corpus);
  const verdicts = runZooKeeper(workspace, corpus);
  const acceptedCount = corpus.filter((c) => verdicts.get(c.name)!.accepted).length;
  t.diagnostic(`ZooKeeper accepted ${acceptedCount} and refused ${corpus.length - acceptedCount} of ${corpus.length} cases`);

  await t.test("ZooKeeper's verdicts fit the corpus: clean cases accepted, zkLine cases refused", () => {
    const misfits = corpus
      .filter((c) => (c.expect === 'clean' && !verdicts.get(c.name)!.accepted) || (c.zkLine !== undefined && verdicts.get(c.name)!.accepted))
      .map((c) => `${c.name}: ${verdicts.get(c.name)!.message || 'ACCEPTED'}`);
    assert.deepEqual(misfits, [], 'these cases are wrong about ZooKeeper: fix the corpus');
  });

  await t.test('our diagnostics agree with ZooKeeper on every case', () => {
    const diagnostics = runCli(workspace);
    const byCase = groupByCase(diagnostics);
    // What the clean reference config gets comes from the test's layout (a /tmp dataDir, peers'
    // files absent), so such codes prove nothing about what is wrong in a "findings" case.
    const ambientCodes = new Set((byCase.get(REFERENCE_CASE) ?? []).map((d) => d.code));
    if (ambientCodes.size > 0) t.diagnostic(`codes the reference config gets too, not counted as findings: ${[...ambientCodes].join(', ')}`);
    const rows: string[] = [];
    const disagreements: string[] = [];
    for (const c of corpus) {
      const zk = verdicts.get(c.name)!;
      const ours = byCase.get(c.name) ?? [];
      const problem = disagreement(c, zk, ours, ambientCodes);
      const codes = ours.map((d) => `${d.severity[0].toUpperCase()}:${d.code}@${shortLocation(c, d)}`).join(' ');
      // The table has room for the cause only; the wrapper names the case's own zoo.cfg anyway.
      const cause = zk.message.replace(/^Error processing \S+: /, '');
      rows.push([problem ? 'DIFF' : 'ok  ', c.name.padEnd(48), zk.accepted ? 'ACCEPTED' : 'REFUSED ',
        truncate(cause, 60).padEnd(60), codes || '-'].join(' '));
      if (problem) {
        disagreements.push(
          `${c.name} (${c.note})\n  ZooKeeper:   ${zk.accepted ? 'ACCEPTED' : `REFUSED: ${zk.message.replaceAll(workspace, '<tmp>')}`}\n` +
          `  zk-ensemble: ${ours.map(formatDiagnostic).join('\n               ') || 'no diagnostics'}\n  => ${problem}`,
        );
      }
    }
    console.log(rows.join('\n'));
    const summary = `cases: ${corpus.length}, agreements: ${corpus.length - disagreements.length}, disagreements: ${disagreements.length}`;
    console.log(summary);
    if (disagreements.length > 0) assert.fail(`${summary}\n\n${disagreements.join('\n\n')}`);
  });
});

/** Why ZooKeeper and we disagree on a case, or undefined when we agree. */
function disagreement(c: DifferentialCase, zk: Verdict, ours: readonly Diagnostic[], ambientCodes: ReadonlySet<string>): string | undefined {
  const errors = ours.filter((d) => d.severity === 'error');
  if (!zk.accepted) {
    if (errors.length === 0) return 'ZooKeeper refuses this config but we report no error';
    const zkLine = c.zkLine;
    if (zkLine !== undefined && !errors.some((d) => d.file === `${c.name}/zoo.cfg` && coversLine(d, zkLine - 1))) {
      return `ZooKeeper points at zoo.cfg line ${zkLine} but none of our errors is on it`;
    }
    return undefined;
  }
  if (c.expect === 'clean' && errors.length > 0) return 'a correct config that ZooKeeper accepts, yet we report an error';
  if (c.expect === 'findings' && ours.every((d) => ambientCodes.has(d.code))) {
    return 'ZooKeeper accepts this wrong config and we report nothing beyond what the reference config gets';
  }
  return undefined;
}

function coversLine(d: Diagnostic, line: number): boolean {
  return d.range.start.line <= line && line <= d.range.end.line;
}

function missingOracle(): string | undefined {
  for (const tool of ['java', 'javac']) {
    if (spawnSync(tool, ['-version'], { stdio: 'ignore' }).error) return `${tool} is not on PATH`;
  }
  return fs.existsSync(ZOOKEEPER_JAR) ? undefined : `${ZOOKEEPER_JAR} does not exist`;
}

function writeCases(workspace: string, corpus: readonly DifferentialCase[]): void {
  for (const c of corpus) {
    const caseDir = path.join(workspace, c.name);
    const dataDir = path.join(caseDir, 'data');
    fs.mkdirSync(dataDir, { recursive: true });
    const withPaths = (text: string) => text.split('${DATA_DIR}').join(dataDir).split('${CASE_DIR}').join(caseDir);
    fs.writeFileSync(path.join(caseDir, 'zoo.cfg'), withPaths(c.zooCfg));
    if (c.dynamicCfg !== undefined) fs.writeFileSync(path.join(caseDir, 'zoo.cfg.dynamic'), withPaths(c.dynamicCfg));
    if (c.myid !== null) fs.writeFileSync(path.join(dataDir, 'myid'), c.myid);
  }
}

/**
 * Compiles the checker and runs it once over all cases (one JVM keeps the corpus at a second or two).
 * Returns the verdicts by case name.
 */
function runZooKeeper(workspace: string, corpus: readonly DifferentialCase[]): Map<string, Verdict> {
  const classes = fs.mkdtempSync(path.join(os.tmpdir(), 'zk-check-classes-'));
  try {
    run('javac', ['-cp', ZOOKEEPER_JAR, '-d', classes, CHECKER_SOURCE]);
    const caseByConfig = new Map(corpus.map((c) => [path.join(workspace, c.name, 'zoo.cfg'), c.name]));
    const output = run('java', ['-Xmx128m', '-XX:TieredStopAtLevel=1', '-cp', `${classes}${path.delimiter}${ZOOKEEPER_JAR}`,
      'ZkConfigCheck', ...caseByConfig.keys()]);
    const verdicts = new Map<string, Verdict>();
    // Only RESULT lines are verdicts, whatever else ZooKeeper's libraries may print.
    for (const line of output.split('\n').filter((l) => l.startsWith('RESULT\t'))) {
      const [, config, outcome, message = ''] = line.split('\t');
      const caseName = caseByConfig.get(config);
      if (caseName !== undefined) verdicts.set(caseName, { accepted: outcome === 'ACCEPTED', message });
    }
    const unanswered = corpus.filter((c) => !verdicts.has(c.name)).map((c) => c.name);
    assert.deepEqual(unanswered, [], 'the ZooKeeper checker gave no verdict for these cases');
    return verdicts;
  } finally {
    fs.rmSync(classes, { recursive: true, force: true });
  }
}

function runCli(workspace: string): Diagnostic[] {
  assert.ok(fs.existsSync(CLI), `${CLI} does not exist: build the CLI first`);
  const result = spawnSync(process.execPath, [CLI, 'check', workspace, '--format', 'json', '--zookeeper-version', '3.8'], {
    cwd: workspace, encoding: 'utf8', timeout: PROCESS_TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024,
  });
  assert.ok(result.status === 0 || result.status === 1,
    `zk-ensemble check exited with ${result.status ?? result.signal} (expected 0 or 1)\n${result.stderr}`);
  let diagnostics: Diagnostic[];
  try {
    diagnostics = (JSON.parse(result.stdout) as { diagnostics: Diagnostic[] }).diagnostics;
  } catch {
    // A crash also exits with 1: show what the CLI said instead of a JSON syntax error.
    assert.fail(`zk-ensemble check printed no JSON report (exit ${result.status})\n${truncate(result.stderr || result.stdout, 2000)}`);
  }
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  assert.equal(result.status, hasErrors ? 1 : 0, 'exit code must be 1 exactly when an error is reported');
  return diagnostics;
}

/** Diagnostics by case: the first segment of the cwd-relative path is the case folder. */
function groupByCase(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const byCase = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const caseName = d.file.split('/')[0];
    byCase.set(caseName, [...(byCase.get(caseName) ?? []), d]);
  }
  return byCase;
}

/** Runs a command to completion and returns its stdout; fails the test if it fails. */
function run(command: string, args: readonly string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: PROCESS_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.status, 0, `${command} failed (${result.status ?? result.signal}):\n${result.stderr}`);
  return result.stdout;
}

/** "7" for zoo.cfg line 7, "data/myid:1" for other files of the case. */
function shortLocation(c: DifferentialCase, d: Diagnostic): string {
  const line = d.range.start.line + 1;
  return d.file === `${c.name}/zoo.cfg` ? `${line}` : `${d.file.slice(c.name.length + 1)}:${line}`;
}

function formatDiagnostic(d: Diagnostic): string {
  return `${d.severity} ${d.code} at ${d.file}:${d.range.start.line + 1}: ${d.message}`;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
