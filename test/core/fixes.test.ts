import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';
import { applyChanges } from '../../server/src/core/edits';
import { Engine } from '../../server/src/core/engine';
import type { Finding } from '../../server/src/core/findings';
import { fixAll } from '../../server/src/core/fixAll';
import { caseFiles, listCases, WorkspaceCase } from '../cases';

/**
 * Every quick fix the engine offers on the workspace cases, applied through the same code editors and the CLI use:
 * the finding it fixes is gone afterwards; all of them together (zk-ensemble fix) add no error; and applying
 * everything twice changes nothing. (One fix alone may leave a transient finding, e.g. fixing one entry of a
 * permuted positional list duplicates another until the rest is fixed.)
 */

function engineFor(c: WorkspaceCase, texts?: ReadonlyMap<string, string>): Engine {
  const engine = new Engine({ ...c.settings, roots: [c.folder.split(path.sep).join('/')] });
  for (const file of caseFiles(c.folder)) engine.setFile(file.path, texts?.get(file.path) ?? file.text);
  for (const [p, text] of texts ?? []) engine.setFile(p, text);
  return engine;
}

const key = (f: Finding) => `${f.path}|${f.ruleId}|${f.range.start.line}|${f.message}`;

for (const c of listCases()) {
  const engine = engineFor(c);
  const findings = [...engine.analyze().findings.values()].flat();
  const fixable = findings.filter((f) => f.fixes.length > 0);
  if (fixable.length === 0) continue;
  test(`fixes in case ${c.name}`, () => {
    for (const finding of fixable) {
      assert.ok(finding.fixes.filter((f) => f.isPreferred).length <= 1, `at most one preferred fix: ${key(finding)}`);
      for (const fix of finding.fixes) {
        const fresh = engineFor(c);
        const { texts, refused } = applyChanges(fix.changes, (p) => fresh.model(p)?.text);
        assert.deepEqual(refused, [], `${fix.title} creates no file that exists`);
        const after = [...engineFor(c, texts).analyze().findings.values()].flat();
        assert.ok(!after.some((f) => key(f) === key(finding)), `'${fix.title}' removes: ${key(finding)}`);
      }
    }
  });
}

for (const c of listCases()) {
  test(`fix all is idempotent in case ${c.name}`, () => {
    const engine = engineFor(c);
    const before = [...engine.analyze().findings.values()].flat();
    const files = new Map(caseFiles(c.folder).map((f) => [f.path, f.text]));
    const first = fixAll(engine, (p) => files.get(p));
    for (const [p, { after }] of first.changed) files.set(p, after);
    const fixedEngine = engineFor(c, files);
    const newErrors = [...fixedEngine.analyze().findings.values()].flat().filter((f) => f.severity === 'error' && !before.some((b) => b.ruleId === f.ruleId && b.path === f.path));
    assert.deepEqual(newErrors.map(key), [], 'fixing adds no error');
    const second = fixAll(fixedEngine, (p) => files.get(p));
    assert.deepEqual([...second.changed.keys()], [], 'a second run changes nothing');
  });
}
