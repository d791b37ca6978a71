import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';

import { MyidProblemKind, readMyid } from '../../server/src/core/myid';
import { LineIndex } from '../../server/src/core/text';

interface Case {
  readonly text: string;
  readonly id?: number;
  readonly lineCount: number;
  /** Each problem as its kind, the text its range covers and ZooKeeper's message. */
  readonly problems?: readonly { kind: MyidProblemKind; at: string; zk: string }[];
  readonly note?: string;
}

/** Rule book §2.5 and §7.2 (ZooKeeper 3.8.0 measured); every refusal also checked against Long.parseLong on a JVM. */
const CASES: readonly Case[] = [
  { text: '1', id: 1, lineCount: 1, note: 'no newline' },
  { text: '1\n', id: 1, lineCount: 1 },
  { text: '1\r\n', id: 1, lineCount: 1 },
  { text: '1\r', id: 1, lineCount: 1 },
  { text: '1\n2\n', id: 1, lineCount: 2, note: 'first line used' },
  { text: '0', id: 0, lineCount: 1, note: 'no range check' },
  { text: '256', id: 256, lineCount: 1 },
  { text: '1000', id: 1000, lineCount: 1 },
  { text: '+1', id: 1, lineCount: 1, note: 'Long.parseLong takes a plus sign' },
  { text: '01', id: 1, lineCount: 1 },
  { text: '-2', id: -2, lineCount: 1, note: 'parses; its range is another rule' },
  { text: '１', id: 1, lineCount: 1, note: 'Character.digit reads full-width digits' },
  { text: '', lineCount: 0, problems: [{ kind: 'empty', at: '', zk: 'serverid null is not a number' }] },
  { text: '\n', lineCount: 1, problems: [{ kind: 'empty', at: '', zk: 'serverid  is not a number' }] },
  { text: '\r1', lineCount: 2, problems: [{ kind: 'empty', at: '', zk: 'serverid  is not a number' }] },
  { text: ' ', lineCount: 1, problems: [{ kind: 'empty', at: ' ', zk: 'serverid   is not a number' }] },
  { text: 'abc', lineCount: 1, problems: [{ kind: 'not-a-number', at: 'abc', zk: 'serverid abc is not a number' }] },
  { text: '1.0\n', lineCount: 1, problems: [{ kind: 'not-a-number', at: '1.0', zk: 'serverid 1.0 is not a number' }] },
  { text: '1 ', lineCount: 1, problems: [{ kind: 'whitespace', at: ' ', zk: 'serverid 1  is not a number' }] },
  { text: ' 1', lineCount: 1, problems: [{ kind: 'whitespace', at: ' ', zk: 'serverid  1 is not a number' }] },
  { text: '1\t\n', lineCount: 1, problems: [{ kind: 'whitespace', at: '\t', zk: 'serverid 1\t is not a number' }] },
  {
    text: ' 12  \r\n',
    lineCount: 1,
    problems: [
      { kind: 'whitespace', at: ' ', zk: 'serverid  12   is not a number' },
      { kind: 'whitespace', at: '  ', zk: 'serverid  12   is not a number' },
    ],
  },
  { text: '\uFEFF1', lineCount: 1, problems: [{ kind: 'bom', at: '\uFEFF', zk: 'serverid \uFEFF1 is not a number' }] },
  {
    text: '\uFEFF1 \n',
    lineCount: 1,
    problems: [
      { kind: 'bom', at: '\uFEFF', zk: 'serverid \uFEFF1  is not a number' },
      { kind: 'whitespace', at: ' ', zk: 'serverid \uFEFF1  is not a number' },
    ],
  },
  { text: '-1', lineCount: 1, problems: [{ kind: 'minus-one', at: '-1', zk: 'myid file is missing' }], note: "ZooKeeper's unset id" },
  { text: '9223372036854775807', id: 9223372036854775807, lineCount: 1 },
  {
    text: '9223372036854775808',
    lineCount: 1,
    problems: [{ kind: 'too-large-for-long', at: '9223372036854775808', zk: 'serverid 9223372036854775808 is not a number' }],
  },
];

describe('readMyid', () => {
  for (const c of CASES) {
    it(`${JSON.stringify(c.text)}${c.note ? ` (${c.note})` : ''}`, () => {
      const myid = readMyid(c.text);
      const lines = new LineIndex(c.text);
      const textAt = (range: { start: { line: number; character: number }; end: { line: number; character: number } }): string =>
        c.text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
      assert.equal(myid.id, c.id);
      assert.equal(myid.lineCount, c.lineCount);
      assert.equal(myid.firstLine, lines.lineText(0));
      assert.equal(textAt(myid.firstLineRange), myid.firstLine);
      const problems = myid.problems.map((p) => ({ kind: p.kind, at: textAt(p.range), zk: p.zkMessage }));
      assert.deepEqual(problems, c.problems ?? []);
      for (const problem of myid.problems) {
        // Ranges stay inside the document: mapping them back to offsets must not clamp them.
        assert.deepEqual(lines.positionAt(lines.offsetAt(problem.range.end)), problem.range.end);
        assert.ok(problem.message.length > 0);
      }
    });
  }

  it('tells what to write instead of the blanks', () => {
    assert.equal(readMyid('1 ').problems[0].message, "myid must be just the server id on the first line, without spaces: found '1 '. Write '1'.");
  });
});
