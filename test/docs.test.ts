import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../server/src/core/rules';

const ROOT = path.resolve(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

test('the README documents every rule with its id and default severity, and nothing else', () => {
  const rows = [...readme.matchAll(/^\| `([a-z-]+)` \| (error|warning|information|hint) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
  assert.deepEqual(rows, RULES.map((r) => `${r.id} ${r.defaultSeverity}`));
});

test('every rule has docs that cite the rule book', () => {
  for (const rule of RULES) {
    assert.ok(rule.docs.summary.length > 20 && rule.docs.why.length > 40, rule.id);
    assert.match(rule.docs.reference, /^§\d/, rule.id);
  }
});

test('the README documents every setting the extension contributes', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const settings = Object.keys(manifest.contributes.configuration.properties);
  assert.deepEqual(settings.filter((s) => !readme.includes(`| \`${s}\` |`)), []);
});
