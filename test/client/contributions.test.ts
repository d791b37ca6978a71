import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

import { lookupKey } from '../../server/src/core/keys';
import { zkVersion } from '../../server/src/core/version';
import { type Grammar, loadGrammar, REPOSITORY_ROOT, Tokenizer } from './textmate';

interface Contributes {
  languages: { id: string; filenames?: string[]; filenamePatterns?: string[]; configuration?: string }[];
  grammars: { language: string; scopeName: string; path: string }[];
  snippets: { language: string; path: string }[];
  commands: { command: string; title: string; category: string }[];
  configuration: { title: string; properties: Record<string, { default: unknown }> };
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as {
  contributes: Contributes;
  activationEvents: string[];
  icon: string;
};
const { contributes } = manifest;

const fromRoot = (relative: string): string => path.join(REPOSITORY_ROOT, relative);

describe('package.json contributions', () => {
  it('points at files that exist', () => {
    const files = [
      ...contributes.languages.flatMap((language) => (language.configuration ? [language.configuration] : [])),
      ...contributes.grammars.map((grammar) => grammar.path),
      ...contributes.snippets.map((snippet) => snippet.path),
      manifest.icon,
    ];
    for (const file of files) assert.ok(fs.existsSync(fromRoot(file)), file);
  });

  it('gives each grammar the scope name its file declares', () => {
    for (const grammar of contributes.grammars) {
      assert.equal(loadGrammar(path.basename(grammar.path)).scopeName, grammar.scopeName);
    }
  });

  it('leaves other *.cfg files to the built-in properties language', () => {
    const zoocfg = contributes.languages.find((language) => language.id === 'zoocfg');
    assert.ok(zoocfg);
    for (const pattern of zoocfg.filenamePatterns ?? []) assert.match(pattern, /zoo/, pattern);
  });

  it('registers every contributed command in the client', () => {
    const extensionSource = fs.readFileSync(fromRoot('client/src/extension.ts'), 'utf8');
    for (const { command } of contributes.commands) assert.ok(extensionSource.includes(`'${command}'`), command);
  });

  it('contributes exactly the settings the server and the client read', () => {
    // zookeeper.status.interval is the client's (live status polling); the others the server's.
    assert.deepEqual(Object.keys(contributes.configuration.properties).sort(), ['zookeeper.rules', 'zookeeper.status.interval', 'zookeeper.trace.server', 'zookeeper.version']);
    assert.match(String(contributes.configuration.properties['zookeeper.version'].default), /^3\.\d+$/);
  });

  it('activates for languages and for workspaces holding ensemble files', () => {
    for (const language of contributes.languages) assert.ok(manifest.activationEvents.includes(`onLanguage:${language.id}`), language.id);
    assert.ok(manifest.activationEvents.includes('workspaceContains:**/myid'));
  });

  it('ships a 128x128 PNG icon', () => {
    const png = fs.readFileSync(fromRoot(manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });
});

/** The text a snippet inserts when every placeholder keeps its default. */
function expandSnippet(body: readonly string[]): string[] {
  const defaults = new Map<string, string>();
  for (const [, index, value] of body.join('\n').matchAll(/\$\{(\d+):([^}]*)\}/g)) defaults.set(index, value);
  return body.map((line) => line.replace(/\$\{(\d+):([^}]*)\}/g, '$2').replace(/\$(\d+)/g, (_, index: string) => defaults.get(index) ?? ''));
}

describe('zoocfg snippets', () => {
  const snippets = JSON.parse(fs.readFileSync(fromRoot('snippets/zoocfg.json'), 'utf8')) as Record<string, { body: string[] }>;
  const grammar: Grammar = loadGrammar('zoocfg.tmLanguage.json');

  for (const [name, { body }] of Object.entries(snippets)) {
    it(`${name} expands to lines without invalid parts and with keys the last 3.4 and 3.9 know`, () => {
      const lines = expandSnippet(body);
      for (const tokens of new Tokenizer(grammar).tokenizeLines(lines)) {
        assert.ok(tokens.every((token) => !token.scopes.some((scope) => scope.startsWith('invalid.'))), JSON.stringify(tokens));
      }
      for (const line of lines.filter((text) => text.includes('='))) {
        const key = line.slice(0, line.indexOf('='));
        for (const version of ['3.4.14', '3.9']) assert.equal(lookupKey(key, zkVersion(version)).kind, 'known', `${key} on ${version}`);
      }
    });
  }
});
