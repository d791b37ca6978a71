/**
 * Property-based tests of the whole engine on hostile workspaces (seeded: ZK_FUZZ_SEED; ZK_FUZZ_RUNS inputs per
 * property, 10,000 by default): analysis never throws and no rule fails internally, every finding, related location
 * and fix edit lies inside its file, the same workspace gives the same findings, an engine fed a sequence of edits
 * agrees with a fresh one, and `fix` (every preferred fix, then make-consistent) is idempotent.
 */
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { Engine } from '../../server/src/core/engine';
import { fixAll } from '../../server/src/core/fixAll';
import { summarizeEnsembles } from '../../server/src/core/summary';
import { formatVersion } from '../../server/src/core/version';
import { assertRangesInside, checkProperty, FUZZ_RUNS, ROOT, workspace, type Workspace } from './arbitraries';

const VERSIONS = ['3.4', '3.5', '3.6', '3.8', '3.9'];
const version = fc.constantFrom(...VERSIONS);

function engineFor(files: Workspace, zookeeperVersion: string): Engine {
  const engine = new Engine({ zookeeperVersion, roots: [ROOT] });
  for (const [path, text] of files) engine.setFile(path, text);
  return engine;
}

/** Findings and ensembles as plain data, to compare two analyses. */
function snapshot(engine: Engine): string {
  const analysis = engine.analyze();
  return JSON.stringify({ findings: [...analysis.findings], ensembles: summarizeEnsembles(analysis.ensembles, formatVersion) });
}

describe(`hostile input: the engine (${FUZZ_RUNS} workspaces per property)`, () => {
  // Broken YAML makes the library build many errors; their stack traces would be most of the time spent here.
  const stackTraceLimit = Error.stackTraceLimit;
  before(() => void (Error.stackTraceLimit = 0));
  after(() => void (Error.stackTraceLimit = stackTraceLimit));

  // One pass per workspace checks all four properties, so that the engine's caches are shared between them (the
  // analysis that fix starts from is the one checked for ranges): 10,000 workspaces for each property in ~1/2 the time.
  it('never throws and no rule fails; every range lies in its file; an engine fed edits and deletions agrees with a fresh one (same input, same findings); fix is idempotent', () => {
    checkProperty('engine', fc.tuple(workspace, workspace, version), ([previous, files, zookeeperVersion]) => {
      // 1. Never throws, no rule fails, every finding, related location and fix edit lies inside its file.
      const fresh = engineFor(new Map([...files].reverse()), zookeeperVersion);
      const analysis = fresh.analyze();
      const findings = [...analysis.findings.values()].flat();
      const internal = findings.filter((f) => /^Internal error in rule/.test(f.message));
      assert.deepEqual(internal.map((f) => `${f.path}: ${f.message}`), [], 'no rule throws');
      for (const finding of findings) {
        assertRangesInside(finding.range, files, finding.path, `${finding.ruleId} '${finding.message}' `);
        for (const related of finding.related) assertRangesInside(related.range, files, related.path, `${finding.ruleId} related '${related.message}' `);
        for (const fix of finding.fixes) {
          for (const change of fix.changes) {
            if (change.kind === 'edit') assertRangesInside(change.range, files, change.path, `${finding.ruleId} fix '${fix.title}' `);
          }
        }
      }

      // 2. Same input, same findings, whether the engine starts from it or reaches it through another workspace,
      // an analysis, edits and deletions.
      const edited = engineFor(previous, zookeeperVersion);
      edited.analyze();
      for (const path of previous.keys()) if (!files.has(path)) edited.deleteFile(path);
      for (const [path, text] of files) edited.setFile(path, text);
      assert.equal(snapshot(edited), snapshot(fresh), 'an engine fed edits agrees with a fresh one');

      // 3. fix (every preferred fix, again until nothing changes, then make-consistent) is idempotent.
      const first = fixAll(fresh, (path) => files.get(path));
      if (first.changed.size === 0) return; // the second run would see the very same files
      const fixed = new Map(files);
      for (const [path, { after }] of first.changed) fixed.set(path, after);
      const second = fixAll(engineFor(fixed, zookeeperVersion), (path) => fixed.get(path));
      const changes = [...second.changed].map(([path, { before, after }]) => `${path}:\n${JSON.stringify(before)}\n-> ${JSON.stringify(after)}`);
      assert.deepEqual(changes, [], `fix is idempotent; the second run applied: ${second.applied.join('; ')}`);
    });
  });
});
