/**
 * Property-based tests of the readers on hostile input (seeded: ZK_FUZZ_SEED; ZK_FUZZ_RUNS inputs per property,
 * 10,000 by default): they never throw, every range lies inside its document with start <= end, and the same input
 * gives the same result.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readComposeFile } from '../../server/src/core/compose/compose';
import { readMyid } from '../../server/src/core/myid';
import { readProperties } from '../../server/src/core/properties';
import { parseMemberKey, parseServerValue, type Span } from '../../server/src/core/serverLine';
import { LineIndex } from '../../server/src/core/text';
import { zkVersion } from '../../server/src/core/version';
import { assertRangesInside, checkProperty, composeText, FUZZ_RUNS, myidText, noise, serverValue, zooCfgText } from './arbitraries';

const ZOOCFG = '/w/node1/zoo.cfg';
const COMPOSE = '/w/docker-compose.yml';

/** A model as plain data (drops the LineIndex), for comparing two readings of the same text. */
function plain(value: unknown): string {
  return JSON.stringify(value, (key, v) => (key === 'lines' ? undefined : v instanceof Map ? [...v] : v));
}

describe(`hostile input: readers (seed and runs in the property names; ${FUZZ_RUNS} inputs each)`, () => {
  it('readProperties: never throws, ranges inside the document, value ranges cover plain values, deterministic', () => {
    checkProperty('readProperties', fc.tuple(zooCfgText, fc.nat(), fc.nat()), ([text, a, b]) => {
      const document = readProperties(text);
      const texts = new Map([[ZOOCFG, text]]);
      assertRangesInside({ entries: document.entries, problems: document.problems }, texts, ZOOCFG);
      const lines = new LineIndex(text);
      for (const entry of document.entries) {
        const length = entry.value.length;
        const [start, end] = [a % (length + 2), b % (length + 2)].sort((x, y) => x - y);
        assertRangesInside(entry.valueSubrange(start, end), texts, ZOOCFG, `valueSubrange(${start}, ${end}) of '${entry.key}'`);
        assert.equal(document.effective.get(entry.key)?.index !== undefined, true);
        // A value written plainly (no escape, no continuation) is exactly the text its range covers.
        const written = text.slice(lines.offsetAt(entry.valueRange.start), lines.offsetAt(entry.valueRange.end));
        if (!/[\\\r\n]/.test(written)) assert.equal(written, entry.value, `value range of '${entry.key}'`);
      }
      assert.equal(plain(readProperties(text)), plain(document));
    });
  });

  it('parseServerValue on 3.4, 3.5, 3.6, 3.8 and 3.10: never throws, spans inside the value, deterministic', () => {
    const versions = ['3.4', '3.5', '3.6', '3.8', '3.10'].map(zkVersion);
    const value = fc.oneof({ weight: 4, arbitrary: serverValue }, { weight: 1, arbitrary: noise(40) });
    checkProperty('parseServerValue', fc.tuple(value, fc.boolean(), fc.integer({ min: -1, max: 300 })), ([text, multiAddressEnabled, sid]) => {
      const inside = (span: Span | undefined, what: string) => {
        if (!span) return;
        assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: integer span`);
        assert.ok(0 <= span.start && span.start <= span.end && span.end <= text.length, `${what}: span ${JSON.stringify(span)} outside [0, ${text.length}] of ${JSON.stringify(text)}`);
      };
      for (const version of versions) {
        const parsed = parseServerValue(text, version, { multiAddressEnabled, sid });
        const label = `${version.major}.${version.minor} ${JSON.stringify(text)}`;
        for (const problem of parsed.problems) inside(problem.span, `${label} problem '${problem.message}'`);
        const spec = parsed.spec;
        if (spec) {
          assert.ok(spec.addresses.length > 0, `${label}: a spec has an address`);
          inside(spec.roleSpan, `${label} role`);
          inside(spec.clientHostSpan, `${label} client host`);
          inside(spec.clientPortSpan, `${label} client port`);
          for (const a of spec.addresses) {
            inside(a.hostSpan, `${label} host`);
            inside(a.quorumPortSpan, `${label} quorum port`);
            inside(a.electionPortSpan, `${label} election port`);
            assert.ok(a.quorumPort >= 0 && a.quorumPort <= 65535 || parsed.problems.some((p) => p.fatal), `${label}: port ${a.quorumPort} is refused`);
          }
        }
        assert.deepEqual(parseServerValue(text, version, { multiAddressEnabled, sid }), parsed, `${label}: deterministic`);
      }
      const key = parseMemberKey(`server.${text}`);
      if (key.problem) assert.ok(key.problem.span.start <= key.problem.span.end && key.problem.span.end <= `server.${text}`.length);
    });
  });

  it('readMyid: never throws, ranges inside the document, an id means no problem, deterministic', () => {
    checkProperty('readMyid', myidText, (text) => {
      const myid = readMyid(text);
      assertRangesInside(myid, new Map([['/w/myid', text]]), '/w/myid');
      if (myid.id !== undefined) assert.deepEqual(myid.problems, []);
      else assert.ok(myid.problems.length > 0, `no id and no problem for ${JSON.stringify(text)}`);
      assert.ok(Number.isInteger(myid.lineCount) && myid.lineCount >= 0);
      assert.deepEqual(readMyid(text), myid);
    });
  });

  it('readComposeFile: never throws, ranges inside the document (or the env file they come from), deterministic', (t) => {
    const envText = fc.constantFrom('', 'ZOO_MY_ID=3\n', 'ZOO_SERVERS=server.1=zoo1:2888:3888;2181\r\n# c\nX', '\uFEFFZOO_MY_ID=\\\n=', 'A="unterminated\n');
    // Broken YAML makes the library build many errors; their stack traces are most of the time spent here.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    t.after(() => void (Error.stackTraceLimit = stackTraceLimit));
    checkProperty('readComposeFile', fc.tuple(composeText, fc.option(envText)), ([text, env]) => {
      const texts = new Map([[COMPOSE, text]]);
      if (env !== null) texts.set('/w/.env', env).set('/w/zk.env', env);
      const resolve = (path: string) => texts.get(path);
      const compose = readComposeFile(COMPOSE, text, resolve);
      assertRangesInside(compose, texts, COMPOSE);
      assert.equal(plain(readComposeFile(COMPOSE, text, resolve)), plain(compose), 'deterministic');
    });
    Error.stackTraceLimit = stackTraceLimit;
  });
});
