import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RULES } from '../../server/src/core/rules';
import { analyzeCase, formatFinding, listCases, writeExpected } from '../cases';

const cases = listCases();

test('every rule has at least one case that expects its finding', () => {
  const covered = new Set(cases.flatMap((c) => c.expected.map((line) => line.split(' ')[2])));
  assert.deepEqual(RULES.map((r) => r.id).filter((id) => !covered.has(id)), []);
});

for (const c of cases) {
  test(`case ${c.name}`, () => {
    const actual = analyzeCase(c).map((f) => formatFinding(c.folder, f)).sort();
    if (process.env.UPDATE_EXPECT) writeExpected(c, actual);
    else assert.deepEqual(actual, [...c.expected].sort());
  });
}
