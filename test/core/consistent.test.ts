import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { test } from 'node:test';
import { planEnsemble, planNodeIds } from '../../server/src/core/consistent';
import { Engine } from '../../server/src/core/engine';
import { caseFiles, listCases } from '../cases';

for (const c of listCases()) {
  test(`planNodeIds gives the plan's ids in case ${c.name}`, () => {
    const engine = new Engine({ ...c.settings, roots: [c.folder.split(path.sep).join('/')] });
    for (const file of caseFiles(c.folder)) engine.setFile(file.path, file.text);
    for (const ensemble of engine.analyze().ensembles) {
      const planned = planEnsemble(ensemble, { file: (p) => engine.model(p) }).ids;
      assert.deepEqual(planNodeIds(ensemble), planned, ensemble.name);
    }
  });
}
