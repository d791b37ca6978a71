/**
 * Property-based tests of the whole engine on hostile workspaces (seeded: ZK_FUZZ_SEED; ZK_FUZZ_RUNS workspaces,
 * 10,000 by default): analysis never throws and no rule fails internally; every finding, related location and fix
 * edit lies inside its file; validating after edits equals validating from scratch (the rules run again on the same
 * input and give the same findings); `fix` (every preferred fix, then make-consistent) is idempotent.
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
  // analysis that fix starts from is the one checked for ranges): 10,000 workspaces for each property at a third of
  // the cost of separate passes.
  it('never throws and no rule fails; every range lies in its file; after edits and deletions the engine agrees with its analysis from scratch; fix is idempotent', () => {
    const edits = fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 3 });
    checkProperty('engine', fc.tuple(workspace, workspace, edits, version), ([files, other, edited, zookeeperVersion]) => {
      // 1. Never throws, no rule fails, every finding, related location and fix edit lies inside its file.
      const engine = engineFor(files, zookeeperVersion);
      const fromScratch = snapshot(engine);
      const findings = [...engine.analyze().findings.values()].flat();
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

      // 2. Validating after edits equals validating from scratch: edit some files (the other workspace's text at
      // the same path, or deleted), analyse, edit them back, analyse: the findings are those of the first analysis.
      const paths = [...new Set([...files.keys(), ...other.keys()])].sort();
      const touched = new Map(edited.map(([index, remove]) => [paths[index % paths.length], remove] as const));
      for (const [path, remove] of touched) {
        const text = other.get(path);
        if (remove || text === undefined) engine.deleteFile(path);
        else engine.setFile(path, text);
      }
      engine.analyze();
      for (const path of touched.keys()) {
        const text = files.get(path);
        if (text === undefined) engine.deleteFile(path);
        else engine.setFile(path, text);
      }
      assert.equal(snapshot(engine), fromScratch, `after editing and restoring ${[...touched.keys()].join(', ')}, the same findings`);

      // 3. fix (every preferred fix, again until nothing changes, then make-consistent) is idempotent.
      const first = fixAll(engine, (path) => files.get(path));
      if (first.changed.size === 0) return; // the second run would see the very same files
      const fixed = new Map(files);
      for (const [path, { after }] of first.changed) fixed.set(path, after);
      const second = fixAll(engineFor(fixed, zookeeperVersion), (path) => fixed.get(path));
      const changes = [...second.changed].map(([path, { before, after }]) => `${path}:\n${JSON.stringify(before)}\n-> ${JSON.stringify(after)}`);
      assert.deepEqual(changes, [], `fix is idempotent; the second run applied: ${second.applied.join('; ')}`);
    });
  });
});
