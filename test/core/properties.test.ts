import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readProperties } from '../../server/src/core/properties';
import { LineIndex } from '../../server/src/core/text';

/** Each case: zoo.cfg text, and the entries java.util.Properties.load would produce, with the source text of key and value. */
const cases: { name: string; text: string; entries: [key: string, value: string, keyText: string, valueText: string][]; problems?: string[] }[] = [
  { name: 'equals', text: 'tickTime=2000\n', entries: [['tickTime', '2000', 'tickTime', '2000']] },
  { name: 'colon separator', text: 'tickTime:2000', entries: [['tickTime', '2000', 'tickTime', '2000']] },
  { name: 'blank separator', text: 'tickTime 2000', entries: [['tickTime', '2000', 'tickTime', '2000']] },
  { name: 'blanks around equals, trailing blanks kept', text: '  tickTime  =  2000  \n', entries: [['tickTime', '2000  ', 'tickTime', '2000  ']] },
  { name: 'blank then colon', text: 'a \t: b', entries: [['a', 'b', 'a', 'b']] },
  { name: 'comments only at line start', text: '# c\n  ! c\nclientPort=2181 # not a comment\n', entries: [['clientPort', '2181 # not a comment', 'clientPort', '2181 # not a comment']] },
  { name: 'CRLF and lone CR', text: 'a=1\r\nb=2\rc=3', entries: [['a', '1', 'a', '1'], ['b', '2', 'b', '2'], ['c', '3', 'c', '3']] },
  { name: 'continuation drops leading blanks', text: 'server.1=127.0.0.1:2888\\\n    :3888\n', entries: [['server.1', '127.0.0.1:2888:3888', 'server.1', '127.0.0.1:2888\\\n    :3888']] },
  { name: 'even backslashes do not continue', text: 'a=x\\\\\nb=y', entries: [['a', 'x\\', 'a', 'x\\\\'], ['b', 'y', 'b', 'y']] },
  { name: 'escapes', text: 'a=\\t\\u0041\\q', entries: [['a', '\tAq', 'a', '\\t\\u0041\\q']] },
  { name: 'escaped separator in key', text: 'a\\=b=c', entries: [['a=b', 'c', 'a\\=b', 'c']] },
  { name: 'empty value', text: 'clientPort=\n', entries: [['clientPort', '', 'clientPort', '']] },
  { name: 'key only', text: 'standalone', entries: [['standalone', '', 'standalone', '']] },
  { name: 'malformed unicode escape', text: 'a=\\u12x4', entries: [['a', '12x4', 'a', '\\u12x4']], problems: ['malformed-unicode-escape'] },
  { name: 'byte order mark joins the first key', text: '\uFEFFtickTime=2000', entries: [['\uFEFFtickTime', '2000', '\uFEFFtickTime', '2000']], problems: ['byte-order-mark'] },
  { name: 'binary', text: 'a=1\u0000\u0001', entries: [], problems: ['binary'] },
  { name: 'trailing backslash at end of file', text: 'a=b\\', entries: [['a', 'b', 'a', 'b']] },
];

for (const c of cases) {
  test(`properties: ${c.name}`, () => {
    const doc = readProperties(c.text);
    const lines = new LineIndex(c.text);
    const slice = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => c.text.slice(lines.offsetAt(r.start), lines.offsetAt(r.end));
    assert.deepEqual(
      doc.entries.map((e) => [e.key, e.value, slice(e.keyRange), slice(e.valueRange)]),
      c.entries,
    );
    assert.deepEqual(doc.problems.map((p) => p.kind), c.problems ?? []);
  });
}

test('properties: the last duplicate wins', () => {
  const doc = readProperties('server.1=a:1:2\nserver.1=b:1:2\n');
  assert.equal(doc.effective.get('server.1')?.value, 'b:1:2');
  assert.equal(doc.entries.length, 2);
});

test('properties: value subranges follow escapes and continuation lines', () => {
  const text = 'server.1=127.0.0.1:2888\\\n  :3888\n';
  const entry = readProperties(text).entries[0];
  const lines = new LineIndex(text);
  const at = (start: number, end: number) => {
    const r = entry.valueSubrange(start, end);
    return text.slice(lines.offsetAt(r.start), lines.offsetAt(r.end));
  };
  assert.equal(at(0, 9), '127.0.0.1');
  assert.equal(at(15, 19), '3888');
  assert.equal(at(10, 14), '2888');
});
