import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';

import { javaSplit, javaTrimBounds, parseJavaInt, parseJavaLong } from '../../server/src/core/java';

/** Expected values as Java 17 gives them (undefined: NumberFormatException). */
const NUMBERS: readonly { text: string; int: number | undefined; long: number | undefined }[] = [
  { text: '2181', int: 2181, long: 2181 },
  { text: '+2181', int: 2181, long: 2181 },
  { text: '-1', int: -1, long: -1 },
  { text: '007', int: 7, long: 7 },
  { text: '-0', int: 0, long: 0 },
  { text: '999999999999999', int: undefined, long: 999999999999999 },
  { text: '-1000000000000000', int: undefined, long: -1000000000000000 },
  { text: '２１８１', int: 2181, long: 2181 },
  { text: '٣', int: 3, long: 3 },
  { text: '2147483647', int: 2147483647, long: 2147483647 },
  { text: '-2147483648', int: -2147483648, long: -2147483648 },
  { text: '2147483648', int: undefined, long: 2147483648 },
  { text: '-9223372036854775808', int: undefined, long: -9223372036854775808 },
  { text: '9223372036854775808', int: undefined, long: undefined },
  { text: '', int: undefined, long: undefined },
  { text: '+', int: undefined, long: undefined },
  { text: '-', int: undefined, long: undefined },
  { text: '+-1', int: undefined, long: undefined },
  { text: ' 1', int: undefined, long: undefined },
  { text: '1 ', int: undefined, long: undefined },
  { text: '1e3', int: undefined, long: undefined },
  { text: '0x10', int: undefined, long: undefined },
  { text: '1_000', int: undefined, long: undefined },
  { text: '\uFEFF1', int: undefined, long: undefined },
];

describe('parseJavaInt / parseJavaLong', () => {
  for (const c of NUMBERS) {
    it(JSON.stringify(c.text), () => {
      assert.equal(parseJavaInt(c.text), c.int);
      assert.equal(parseJavaLong(c.text), c.long);
    });
  }
});

describe('javaSplit', () => {
  const cases: readonly { text: string; separator: string; pieces: string[] }[] = [
    { text: 'a:1:2', separator: ':', pieces: ['a', '1', '2'] },
    { text: 'a:1:2:', separator: ':', pieces: ['a', '1', '2'] },
    { text: ':a', separator: ':', pieces: ['', 'a'] },
    { text: 'a::b', separator: ':', pieces: ['a', '', 'b'] },
    { text: '', separator: ':', pieces: [''] },
    { text: ':', separator: ':', pieces: [] },
    { text: ';;', separator: ';', pieces: [] },
    { text: 'a|b|', separator: '|', pieces: ['a', 'b'] },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.text)} on '${c.separator}'`, () => {
      const pieces = javaSplit(c.text, c.separator);
      assert.deepEqual(pieces.map((p) => p.text), c.pieces);
      for (const piece of pieces) assert.equal(c.text.slice(piece.start, piece.start + piece.text.length), piece.text);
    });
  }
});

describe('javaTrimBounds', () => {
  const cases: readonly { text: string; kept: string }[] = [
    { text: ' 1 ', kept: '1' },
    { text: '\t1\u0000', kept: '1' },
    { text: '1\u00a0', kept: '1\u00a0' },
    { text: '\uFEFF1', kept: '\uFEFF1' },
    { text: '   ', kept: '' },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.text), () => {
      const bounds = javaTrimBounds(c.text);
      assert.equal(c.text.slice(bounds.start, bounds.end), c.kept);
    });
  }
});
