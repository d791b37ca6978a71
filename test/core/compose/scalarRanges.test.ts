import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';

import fc from 'fast-check';

import { read, service, textAt } from './support';

const INDENT = '        ';

/** How each YAML style may separate two ZOO_SERVERS words (all decode to whitespace). */
const STYLES: Record<string, { open: string; close: string; separators: string[] }> = {
  plain: { open: '', close: '', separators: [' ', '   ', `\n${INDENT}`, `\n\n${INDENT}`] },
  'double-quoted': { open: '"', close: '"', separators: [' ', '\\t', '\\n', '\\x20', `\n${INDENT}`, ` \\\n${INDENT}`] },
  'single-quoted': { open: "'", close: "'", separators: [' ', `\n${INDENT}`, `\n\n\n${INDENT}`] },
  literal: { open: `|\n${INDENT}`, close: '', separators: [' ', `\n${INDENT}`, `\n\n${INDENT}`] },
  'literal, strip': { open: `|-\n${INDENT}`, close: '', separators: [`\n${INDENT}`] },
  'literal, keep': { open: `|+\n\n${INDENT}`, close: '\n', separators: [`\n${INDENT}`, `\n\n${INDENT}`] },
  folded: { open: `>\n${INDENT}`, close: '', separators: [' ', `\n${INDENT}`, `\n\n${INDENT}`] },
  'folded, strip': { open: `>-\n${INDENT}`, close: '', separators: [`\n${INDENT}`] },
};

const host = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9-]{0,8}(\.[a-z]{1,5})?$/),
  fc.constantFrom('0.0.0.0', '10.0.0.12', '[::1]', '[fe80::2]'),
);
const port = fc.integer({ min: 1, max: 65535 });
const serverLine = fc
  .tuple(fc.integer({ min: 0, max: 300 }), host, port, port, fc.option(port, { nil: undefined }), fc.constantFrom('', ':observer', ':participant'))
  .map(([id, name, quorum, election, client, role]) => `server.${id}=${name}:${quorum}:${election}${role}${client ? `;${client}` : ''}`);

describe('ZOO_SERVERS entry ranges, whatever the YAML style', () => {
  for (const [styleName, style] of Object.entries(STYLES)) {
    it(styleName, () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(serverLine, fc.constantFrom(...style.separators)), { minLength: 1, maxLength: 6 }),
          fc.boolean(),
          (entries, crlf) => {
            const lines = entries.map(([line]) => line);
            const value = entries.map(([line, separator], i) => (i === 0 ? line : separator + line)).join('');
            const yaml = `services:\n  zk:\n    image: zookeeper:3.9\n    environment:\n      ZOO_SERVERS: ${style.open}${value}${style.close}\n      ZOO_MY_ID: 1\n`;
            const text = crlf ? yaml.replace(/\n/g, '\r\n') : yaml;
            const file = read(text);
            assert.deepEqual(file.problems, []);
            const servers = service(file, 'zk').zookeeper?.servers ?? [];
            assert.deepEqual(
              servers.map((server) => textAt(text, server.range)),
              lines,
            );
            servers.forEach((server, index) => assert.equal(`server.${textAt(text, server.idRange ?? assert.fail())}=${server.value}`, lines[index]));
          },
        ),
        { numRuns: 150 },
      );
    });
  }
});

describe('readComposeFile never throws', () => {
  const fragments = [
    'services:', '\n', '  ', '    ', 'zoo1:', 'image: ', 'zookeeper', 'bitnami/zookeeper', 'environment:', '- ', 'ZOO_SERVERS',
    '=', ': ', '|', '>-', '"', "'", '\\', '&a ', '*a', '<<: ', '${', '}', ':-', '$$', 'ports:', 'volumes:', '2181:2181',
    './zoo.cfg:/conf/zoo.cfg', '[', ']', '{', '}', ',', '---\n', '#', '\t', '\r\n', 'server.1=a:1:2;2181', '::1', ';',
    'env_file: ', '.env', 'target: ', 'published: ', 'type: bind', '~',
  ];
  it('on arbitrary compose-like text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 60 }), (pieces) => {
        const file = read(pieces.join(''), { '/work/project/zk/.env': pieces.slice(0, 10).join('') });
        assert.ok(Array.isArray(file.problems));
      }),
      { numRuns: 500 },
    );
  });
});
