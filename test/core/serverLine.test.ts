import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';

import {
  formatServerValue,
  parseMemberKey,
  parseServerValue,
  ServerSpec,
  ServerValueOptions,
  Span,
} from '../../server/src/core/serverLine';
import { atLeast, zkVersion } from '../../server/src/core/version';

const FORM_3_5 =
  ' does not have the form server_config or server_config;client_config' +
  ' where server_config is host:port:port or host:port:port:type and client_config is port or host:port';
const FORM_3_6 =
  ' does not have the form server_config or server_config;client_config' +
  ' where server_config is the pipe separated list of host:port:port or host:port:port:type and client_config is port or host:port';
// Rule book §2.2 quotes only the end of master's message; the beginning is 3.6's.
const FORM_3_10 =
  ' does not have the form server_config or server_config;client_config' +
  ' where server_config is the pipe separated list of host:port:port or host:port:port:type' +
  " and client_config is host:clientPort;host:secureClientPort or clientPort or host:clientPort or ';secureClientPort' or ';host:secureClientPort'";
const FORM_3_4 = ' does not have the form host:port or host:port:port  or host:port:port:type';

interface ExpectedProblem {
  /** The zkMessage, exactly; absent when none is expected. */
  readonly zk?: string;
  /** The text under the span. */
  readonly at: string;
  /** The span, where the text under it could be found in more than one place. */
  readonly span?: Span;
  readonly fatal: boolean;
}

interface Case {
  readonly version: string;
  readonly value: string;
  readonly options?: ServerValueOptions;
  /** `host:quorum:election|…` then the role and `;clientHost:clientPort`; undefined when no spec is expected. */
  readonly spec?: string;
  readonly problems?: readonly ExpectedProblem[];
  readonly note?: string;
}

const SID_1: ServerValueOptions = { sid: 1 };
const MULTI: ServerValueOptions = { sid: 1, multiAddressEnabled: true };

/** Rule book §7.2 rows about server lines, measured on ZooKeeper 3.8.0, plus §0.2's trailing blank. */
const REAL_3_8: readonly Case[] = [
  { version: '3.8', value: '127.0.0.1:2888', problems: [{ zk: `127.0.0.1:2888${FORM_3_6}`, at: '127.0.0.1:2888', fatal: true }] },
  { version: '3.8', value: '127.0.0.1', problems: [{ zk: `127.0.0.1${FORM_3_6}`, at: '127.0.0.1', fatal: true }] },
  { version: '3.8', value: '127.0.0.1:abc:3889', problems: [{ zk: 'Address unresolved: 127.0.0.1:abc', at: 'abc', fatal: true }] },
  { version: '3.8', value: '127.0.0.1:70000:3889', problems: [{ zk: 'port out of range:70000', at: '70000', fatal: true }] },
  {
    version: '3.8',
    value: '127.0.0.1:2888:2888',
    options: SID_1,
    spec: '127.0.0.1:2888:2888 participant',
    problems: [{ zk: 'Client and election port must be different! Please update the configuration file on server.1', at: '2888', span: { start: 15, end: 19 }, fatal: true }],
  },
  { version: '3.8', value: '127.0.0.1:2181:3888', spec: '127.0.0.1:2181:3888 participant', note: 'quorum port = own clientPort: fails only when leading' },
  {
    version: '3.8',
    value: '127.0.0.1:2890:3890 # third',
    problems: [{ zk: 'Address unresolved: 127.0.0.1:3890 # third', at: '3890 # third', fatal: true }],
  },
  { version: '3.8', value: '0.0.0.0:2888:3888', spec: '0.0.0.0:2888:3888 participant' },
  { version: '3.8', value: '127.0.0.1:2888:3888;2181', spec: '127.0.0.1:2888:3888 participant ;0.0.0.0:2181' },
  { version: '3.8', value: '127.0.0.1:2888:3888:participant;2181', spec: '127.0.0.1:2888:3888 participant ;0.0.0.0:2181' },
  { version: '3.8', value: '127.0.0.1:2888:3888:observer;2181', spec: '127.0.0.1:2888:3888 observer ;0.0.0.0:2181' },
  { version: '3.8', value: '127.0.0.1:2888:3888;127.0.0.1:2185', spec: '127.0.0.1:2888:3888 participant ;127.0.0.1:2185' },
  { version: '3.8', value: '127.0.0.1:2888:3888:leader', problems: [{ zk: 'Unrecognised peertype: leader', at: 'leader', fatal: true }] },
  { version: '3.8', value: 'zoo1:2888:3888 ', problems: [{ zk: 'Address unresolved: zoo1:3888 ', at: ' ', span: { start: 14, end: 15 }, fatal: true }] },
];

/** Checked against ZooKeeper 3.8.0's QuorumServer(1, value) on this machine. */
const GRAMMAR_3_8: readonly Case[] = [
  { version: '3.8', value: '127.0.0.1:2888:3888:participant ', spec: '127.0.0.1:2888:3888 participant', note: '3.6+ trims the role' },
  { version: '3.8', value: '127.0.0.1:2888:3888: OBSERVER', spec: '127.0.0.1:2888:3888 observer' },
  { version: '3.8', value: '127.0.0.1:2888:3888\t', problems: [{ zk: 'Address unresolved: 127.0.0.1:3888\t', at: '\t', fatal: true }] },
  { version: '3.8', value: '127.0.0.1: 2888:3888', problems: [{ zk: 'Address unresolved: 127.0.0.1: 2888', at: ' ', span: { start: 10, end: 11 }, fatal: true }] },
  { version: '3.8', value: '127.0.0.1:2888:3888;2181 ', problems: [{ zk: 'Address unresolved: null:2181 ', at: ' ', span: { start: 24, end: 25 }, fatal: true }] },
  { version: '3.8', value: '127.0.0.1:2888:3888;abc', problems: [{ zk: 'Address unresolved: null:abc', at: 'abc', fatal: true }], note: '3.6+ prints a hostname not set yet' },
  { version: '3.8', value: '127.0.0.1:2888:3888;[::1]', problems: [{ zk: 'Address unresolved: null:::1', at: '[::1]', fatal: true }] },
  { version: '3.8', value: '127.0.0.1:2888:3888;70000', problems: [{ zk: 'port out of range:70000', at: '70000', fatal: true }] },
  { version: '3.8', value: '127.0.0.1::3888', problems: [{ zk: 'Address unresolved: 127.0.0.1:', at: '', span: { start: 10, end: 10 }, fatal: true }] },
  { version: '3.8', value: '127.0.0.1:+2888:3888', spec: '127.0.0.1:2888:3888 participant', note: 'Integer.parseInt takes a plus sign' },
  { version: '3.8', value: '127.0.0.1:-1:3888', problems: [{ zk: 'port out of range:-1', at: '-1', fatal: true }] },
  { version: '3.8', value: '127.0.0.1:99999999999:3888', problems: [{ zk: 'Address unresolved: 127.0.0.1:99999999999', at: '99999999999', fatal: true }] },
  { version: '3.8', value: '127.0.0.1:2888:3888:participant#x', problems: [{ zk: 'Unrecognised peertype: participant#x', at: 'participant#x', fatal: true }] },
  { version: '3.8', value: '127.0.0.1:2888:3888;', spec: '127.0.0.1:2888:3888 participant', note: 'String.split drops the empty client part' },
  { version: '3.8', value: '127.0.0.1:2888:3888;2181;2182', problems: [{ zk: `127.0.0.1:2888:3888;2181;2182${FORM_3_6}`, at: '127.0.0.1:2888:3888;2181;2182', fatal: true }] },
  { version: '3.8', value: '127.0.0.1:2888:3888;a:b:2181', problems: [{ zk: `127.0.0.1:2888:3888;a:b:2181${FORM_3_6}`, at: '127.0.0.1:2888:3888;a:b:2181', fatal: true }] },
  { version: '3.8', value: '', problems: [{ zk: FORM_3_6, at: '', fatal: true }] },
  { version: '3.8', value: ';', problems: [{ at: ';', fatal: true }], note: 'ArrayIndexOutOfBoundsException' },
  { version: '3.8', value: '127.0.0.1:2888:3888;:', problems: [{ at: ':', fatal: true }], note: 'ArrayIndexOutOfBoundsException' },
  {
    version: '3.8',
    value: ':2888:3888',
    spec: ':2888:3888 participant',
    problems: [{ at: '', span: { start: 0, end: 0 }, fatal: false }],
    note: 'an empty host resolves to loopback',
  },
  {
    version: '3.8',
    value: '127.0.0.1:2888:3888;:2181',
    spec: '127.0.0.1:2888:3888 participant ;:2181',
    problems: [{ at: '', span: { start: 20, end: 20 }, fatal: false }],
  },
  { version: '3.8', value: '127.0.0.1:２８８８:3888', spec: '127.0.0.1:2888:3888 participant', note: 'Character.digit reads full-width digits' },
  // Order: 3.6+ read the client part before the addresses.
  {
    version: '3.8',
    value: '127.0.0.1:2888;abc',
    problems: [
      { zk: 'Address unresolved: null:abc', at: 'abc', fatal: true },
      { zk: `127.0.0.1:2888;abc${FORM_3_6}`, at: '127.0.0.1:2888;abc', fatal: true },
    ],
  },
];

const IPV6: readonly Case[] = [
  { version: '3.8', value: '[::1]:2888:3888', spec: '::1:2888:3888 participant' },
  { version: '3.8', value: '127.0.0.1:1234:1236:participant;[::1]:1237', spec: '127.0.0.1:1234:1236 participant ;::1:1237' },
  { version: '3.8', value: '125.23.63.23:1234:1235;125.23.63.24:1236', spec: '125.23.63.23:1234:1235 participant ;125.23.63.24:1236' },
  { version: '3.8', value: '[::1]:', problems: [{ zk: "[::1]: doesn't have a port after colon", at: '[::1]:', fatal: true }] },
  { version: '3.8', value: '[::1', problems: [{ zk: "[::1 starts with '[' but has no matching ']:'", at: '[::1', fatal: true }] },
  { version: '3.8', value: '[::1]', problems: [{ zk: `[::1]${FORM_3_6}`, at: '[::1]', fatal: true }] },
  { version: '3.8', value: '::1:2888:3888', problems: [{ zk: `::1:2888:3888${FORM_3_6}`, at: '::1:2888:3888', fatal: true }] },
  {
    version: '3.8',
    value: '[::1]x2888:3888',
    spec: '::1:2888:3888 participant',
    problems: [{ at: 'x', fatal: false }],
    note: "3.6+ skips the char after ']' unchecked",
  },
  { version: '3.5', value: '[::1]x2888:3888', problems: [{ zk: "[::1]x2888:3888 starts with '[' but has no matching ']:'", at: '[::1]x2888:3888', fatal: true }] },
  { version: '3.5', value: '[::1]:', problems: [{ zk: `[::1]:${FORM_3_5}`, at: '[::1]:', fatal: true }] },
  { version: '3.5', value: 'zoo1:2888:3888;[::1]', problems: [{ zk: "[::1] starts with '[' but has no matching ']:'", at: '[::1]', fatal: true }] },
  { version: '3.4', value: '[::1]:2888:3888', spec: '::1:2888:3888 participant' },
  { version: '3.4', value: '[::1:2888:3888', problems: [{ zk: "[::1:2888:3888 starts with '[' but has no matching ']:'", at: '[::1:2888:3888', fatal: true }] },
];

const MULTI_ADDRESS: readonly Case[] = [
  {
    version: '3.8',
    value: 'zoo2-net1:2888:3888|zoo2-net2:2889:3889;2188',
    options: MULTI,
    spec: 'zoo2-net1:2888:3888|zoo2-net2:2889:3889 participant ;0.0.0.0:2188',
  },
  {
    version: '3.8',
    value: 'zoo2-net1:2888:3888|zoo2-net2:2889:3889;2188',
    options: SID_1,
    spec: 'zoo2-net1:2888:3888|zoo2-net2:2889:3889 participant ;0.0.0.0:2188',
    problems: [{ zk: 'Multiple address feature is disabled, but multiple addresses were specified for sid 1', at: '|zoo2-net2:2889:3889', fatal: true }],
  },
  {
    version: '3.8',
    value: 'a:2888:3888:observer|b:2889:3889:observer;2188',
    options: MULTI,
    spec: 'a:2888:3888|b:2889:3889 observer ;0.0.0.0:2188',
  },
  { version: '3.8', value: 'a:2888:3888|b:2889:3889:observer', options: MULTI, spec: 'a:2888:3888|b:2889:3889 observer' },
  {
    version: '3.8',
    value: 'a:2888:3888:participant|b:2889:3889:observer',
    options: MULTI,
    problems: [{ zk: 'Multiple addresses should have similar roles: PARTICIPANT vs OBSERVER', at: 'observer', fatal: true }],
  },
  {
    version: '3.8',
    value: 'a:2888:3888:observer|b:2889:3889:participant',
    options: MULTI,
    problems: [{ zk: 'Multiple addresses should have similar roles: PARTICIPANT vs PARTICIPANT', at: 'participant', fatal: true }],
    note: 'ZooKeeper prints its default type, not the first role',
  },
  {
    version: '3.8',
    value: 'a:2888:3888;2181|b:2889:3889',
    options: MULTI,
    problems: [{ zk: `a:2888:3888;2181|b:2889:3889${FORM_3_6}`, at: 'a:2888:3888;2181|b:2889:3889', fatal: true }],
  },
  { version: '3.5', value: 'a:2888:3888|b:2889:3889', options: MULTI, problems: [{ zk: `a:2888:3888|b:2889:3889${FORM_3_5}`, at: 'a:2888:3888|b:2889:3889', fatal: true }] },
  { version: '3.10', value: 'zoo1:2888:3888;2181;2182', spec: 'zoo1:2888:3888 participant ;0.0.0.0:2181', note: 'master: secure client part' },
  { version: '3.10', value: 'zoo1:2888:3888:participant;;1238', spec: 'zoo1:2888:3888 participant' },
  { version: '3.10', value: 'zoo1:2888:3888;2181;2182;2183', problems: [{ zk: `zoo1:2888:3888;2181;2182;2183${FORM_3_10}`, at: 'zoo1:2888:3888;2181;2182;2183', fatal: true }] },
];

/** 3.4 trims, has no client part, only logs a wrong part count; 3.5 does not trim the role and checks the shape first. */
const OLDER_GRAMMARS: readonly Case[] = [
  { version: '3.4', value: 'zoo1:2888:3888;2181', problems: [{ zk: 'java.lang.NumberFormatException: For input string: "3888;2181"', at: ';2181', fatal: true }] },
  { version: '3.4', value: 'zoo1:2888:3888 ', spec: 'zoo1:2888:3888 participant' },
  { version: '3.4', value: 'zoo1:2888', spec: 'zoo1:2888:- participant', note: 'the election port is optional on 3.4' },
  { version: '3.4', value: 'zoo1', problems: [{ zk: `zoo1${FORM_3_4}`, at: 'zoo1', fatal: true }] },
  { version: '3.4', value: 'zoo1:2888:3888:observer:x', spec: 'zoo1:2888:3888 observer', problems: [{ zk: `zoo1:2888:3888:observer:x${FORM_3_4}`, at: 'zoo1:2888:3888:observer:x', fatal: false }] },
  { version: '3.4', value: 'zoo1:2888:3888:Observer', spec: 'zoo1:2888:3888 observer' },
  { version: '3.4', value: 'zoo1:2888:3888:LEADER', problems: [{ zk: 'Unrecognised peertype: zoo1:2888:3888:LEADER', at: 'LEADER', fatal: true }] },
  { version: '3.4', value: 'zoo1:abc:3888', problems: [{ zk: 'java.lang.NumberFormatException: For input string: "abc"', at: 'abc', fatal: true }] },
  { version: '3.4', value: 'zoo1:2888:2888', spec: 'zoo1:2888:2888 participant', problems: [{ at: '2888', span: { start: 10, end: 14 }, fatal: false }] },
  {
    version: '3.4',
    value: 'zoo1:70000:3888:leader',
    problems: [
      { zk: 'Unrecognised peertype: zoo1:70000:3888:leader', at: 'leader', fatal: true },
      { zk: 'port out of range:70000', at: '70000', fatal: true },
    ],
    note: '3.4 checks the role before the port range',
  },
  { version: '3.5', value: 'zoo1:2888:3888:participant ', problems: [{ zk: 'Unrecognised peertype: participant ', at: ' ', span: { start: 26, end: 27 }, fatal: true }] },
  { version: '3.5', value: 'zoo1:2888:3888:OBSERVER;2181', spec: 'zoo1:2888:3888 observer ;0.0.0.0:2181' },
  { version: '3.5', value: 'zoo1:2888:3888;abc', problems: [{ zk: 'Address unresolved: 0.0.0.0:abc', at: 'abc', fatal: true }] },
  { version: '3.5', value: 'zoo1:2888;abc', problems: [{ zk: `zoo1:2888;abc${FORM_3_5}`, at: 'zoo1:2888;abc', fatal: true }], note: '3.5 checks the shape first' },
  { version: '3.5.4', value: 'zoo1:2888:2888', options: SID_1, spec: 'zoo1:2888:2888 participant', problems: [{ at: '2888', span: { start: 10, end: 14 }, fatal: false }] },
  {
    version: '3.5.5',
    value: 'zoo1:2888:2888',
    options: SID_1,
    spec: 'zoo1:2888:2888 participant',
    problems: [{ zk: 'Client and election port must be different! Please update the configuration file on server.1', at: '2888', span: { start: 10, end: 14 }, fatal: true }],
  },
];

function describeSpec(spec: ServerSpec): string {
  const addresses = spec.addresses.map((a) => `${a.host}:${a.quorumPort}:${a.electionPort ?? '-'}`).join('|');
  const client = spec.clientPort === undefined ? '' : ` ;${spec.clientHost}:${spec.clientPort}`;
  return `${addresses} ${spec.role}${client}`;
}

function runCases(cases: readonly Case[]): void {
  for (const c of cases) {
    it(`${c.version} ${JSON.stringify(c.value)}${c.note ? ` (${c.note})` : ''}`, () => {
      const parsed = parseServerValue(c.value, zkVersion(c.version), c.options);
      assert.equal(parsed.spec && describeSpec(parsed.spec), c.spec);
      // Exact spans are compared only where the case gives one.
      const problems = parsed.problems.map((p, index) => ({
        ...(p.zkMessage !== undefined && { zk: p.zkMessage }),
        at: c.value.slice(p.span.start, p.span.end),
        ...(c.problems?.[index]?.span && { span: p.span }),
        fatal: p.fatal,
      }));
      assert.deepEqual(problems, c.problems ?? []);
      for (const p of parsed.problems) assert.ok(p.message.length > 0);
    });
  }
}

describe('parseServerValue', () => {
  describe('rule book §7.2 on 3.8', () => runCases(REAL_3_8));
  describe('3.8 grammar, checked against ZooKeeper 3.8.0', () => runCases(GRAMMAR_3_8));
  describe('IPv6 literals', () => runCases(IPV6));
  describe("'|' multi-address and the 3.10 secure client part", () => runCases(MULTI_ADDRESS));
  describe('3.4 and 3.5 grammars', () => runCases(OLDER_GRAMMARS));

  it('spans cover what they name, brackets included', () => {
    const value = '[::1]:2888:3888:observer;[fe80::2]:2181';
    const spec = parseServerValue(value, zkVersion('3.8')).spec;
    assert.ok(spec);
    const [address] = spec.addresses;
    const textOf = (span: Span | undefined): string | undefined => span && value.slice(span.start, span.end);
    assert.deepEqual(
      [address.host, textOf(address.hostSpan), textOf(address.quorumPortSpan), textOf(address.electionPortSpan), textOf(spec.roleSpan)],
      ['::1', '[::1]', '2888', '3888', 'observer'],
    );
    assert.deepEqual([spec.clientHost, textOf(spec.clientHostSpan), textOf(spec.clientPortSpan)], ['fe80::2', '[fe80::2]', '2181']);
  });

  it('leaves out the sid-bearing ZooKeeper message when the sid is unknown', () => {
    const [problem] = parseServerValue('zoo1:2888:2888', zkVersion('3.8')).problems;
    assert.deepEqual([problem.fatal, problem.zkMessage], [true, undefined]);
  });
});

describe('parseMemberKey', () => {
  const cases: readonly { key: string; id?: number; span?: Span }[] = [
    { key: 'server.1', id: 1 },
    { key: 'server.0', id: 0 },
    { key: 'server.-3', id: -3 },
    { key: 'server.+2', id: 2 },
    { key: 'server.01', id: 1 },
    { key: 'server.9223372036854775807', id: 9223372036854775807 },
    { key: 'server.x', span: { start: 7, end: 8 } },
    { key: 'server.1.x', span: { start: 7, end: 10 } },
    { key: 'server.', span: { start: 7, end: 7 } },
    { key: 'server.9223372036854775808', span: { start: 7, end: 26 } },
    { key: 'server. 1', span: { start: 7, end: 9 } },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.key), () => {
      const parsed = parseMemberKey(c.key);
      assert.equal(parsed.id, c.id);
      assert.deepEqual(parsed.problem?.span, c.span);
      if (parsed.problem) assert.match(parsed.problem.message, /server\.1/);
    });
  }
});

describe('formatServerValue', () => {
  const cases: readonly { from: string; parseAs?: string; version: string; alwaysWriteRole?: boolean; expected: string }[] = [
    { from: 'zoo1:2888:3888', version: '3.8', expected: 'zoo1:2888:3888' },
    { from: 'zoo1:2888:3888:participant;2181', version: '3.8', expected: 'zoo1:2888:3888;2181' },
    { from: 'zoo1:2888:3888:participant;2181', version: '3.8', alwaysWriteRole: true, expected: 'zoo1:2888:3888:participant;2181' },
    { from: 'zoo1:2888:3888:observer;127.0.0.1:2181', version: '3.8', expected: 'zoo1:2888:3888:observer;127.0.0.1:2181' },
    { from: 'zoo1:2888:3888;0.0.0.0:2181', version: '3.8', expected: 'zoo1:2888:3888;2181' },
    { from: '[::1]:2888:3888;[::1]:2181', version: '3.8', expected: '[::1]:2888:3888;[::1]:2181' },
    { from: 'a:2888:3888|b:2889:3889:observer;2188', version: '3.8', expected: 'a:2888:3888:observer|b:2889:3889:observer;2188' },
    { from: 'zoo1:2888:3888:observer;2181', version: '3.4', parseAs: '3.8', expected: 'zoo1:2888:3888:observer' },
    { from: 'zoo1:2888', version: '3.4', alwaysWriteRole: true, expected: 'zoo1:2888' },
    { from: 'zoo1:2888:3888;2181', version: '3.5', expected: 'zoo1:2888:3888;2181' },
  ];
  for (const c of cases) {
    it(`${c.version} ${c.from} -> ${c.expected}`, () => {
      const parsed = parseServerValue(c.from, zkVersion(c.parseAs ?? c.version), MULTI);
      assert.ok(parsed.spec);
      const formatted = formatServerValue(parsed.spec, zkVersion(c.version), { alwaysWriteRole: c.alwaysWriteRole });
      assert.equal(formatted, c.expected);
      // What the formatter writes, the same version reads back cleanly as the same server.
      const reread = parseServerValue(formatted, zkVersion(c.version), MULTI);
      assert.deepEqual(reread.problems, []);
      assert.ok(reread.spec);
      const written = atLeast(zkVersion(c.version), '3.5') ? parsed.spec : { ...parsed.spec, clientPort: undefined };
      assert.equal(describeSpec(reread.spec), describeSpec(written));
    });
  }
});
