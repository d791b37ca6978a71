/**
 * Generators of hostile-but-realistic input for the property tests: zoo.cfg-ish, myid-ish and compose-ish text
 * (valid keys and server lines mixed with garbage, unicode, lone surrogates, NULs, BOMs, CRLF/CR, backslashes,
 * tabs), and small workspaces whose nodes share a member list with perturbations, so that fixes really happen.
 *
 * Every run is seeded: ZK_FUZZ_SEED (default below) and ZK_FUZZ_RUNS (default 10,000 per property).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { LineIndex, type Position, type Range } from '../../server/src/core/text';

export const FUZZ_SEED = process.env.ZK_FUZZ_SEED !== undefined && process.env.ZK_FUZZ_SEED !== '' ? Number(process.env.ZK_FUZZ_SEED) : 20_251_031;
export const FUZZ_RUNS = process.env.ZK_FUZZ_RUNS !== undefined && process.env.ZK_FUZZ_RUNS !== '' ? Number(process.env.ZK_FUZZ_RUNS) : 10_000;

/** fc.assert with the seed, and a failure message that says how to reproduce it. */
export function checkProperty<T>(name: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, numRuns = FUZZ_RUNS): void {
  try {
    fc.assert(fc.property(arbitrary, predicate), { seed: FUZZ_SEED, numRuns });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `\ncaused by: ${error.cause.message}` : '';
    const message = (error instanceof Error ? error.message : String(error)) + cause;
    throw new Error(`property '${name}' failed (seed ${FUZZ_SEED}, ${numRuns} runs; reproduce with ZK_FUZZ_SEED=${FUZZ_SEED}):\n${message}`);
  }
}

// --- building blocks ------------------------------------------------------------------------------------------

const SPECIAL_CHARS = [
  ' ', '\t', '\f', '\\', '\\\\', '=', ':', '#', '!', ';', '|', '[', ']', '{', '}', '&', '*', '-', '"', "'", ',', '%',
  '\uFEFF', '\u00A0', '\u2028', '\u2029', '\uD800', '\uDFFF', 'é', 'ü', '日', '😀', '\u0301', '\u202E', '\r', '\n', '\r\n',
  '\u0000', '$', '${', '}', '~', '/', '..', '0', '1', '9', 'x',
];

/** One character-ish unit: structural characters, unicode (including lone surrogates), or any grapheme. */
const unit: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_CHARS) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
);

export const noise = (maxLength = 12): fc.Arbitrary<string> => fc.string({ unit, maxLength });

export const lineEnding = fc.constantFrom('\n', '\r\n', '\r');
const blanks = fc.constantFrom('', '', '', ' ', '  ', '\t', '\f', ' \t ');

const HOSTS = ['zoo1', 'zoo2', 'zoo3', 'zoo4', '10.0.0.1', '10.0.0.2', '10.0.0.3', '0.0.0.0', '127.0.0.1', 'localhost', '[::1]', '[fe80::1%eth0]', '::1', '[::1', 'ho st', '', 'bücher.example', '日本', 'zoo1.example.com'];
export const host = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...HOSTS) }, { weight: 1, arbitrary: noise(8) });

const PORTS = ['2888', '3888', '2181', '2889', '3889', '2182', '0', '65535', '65536', '-1', '+2888', '02888', '99999999999999999999', '2888 ', '', 'abc', '２８８８', '٢٨٨٨', '0x10'];
export const port = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PORTS) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 70_000 }).map(String) },
  { weight: 1, arbitrary: noise(5) },
);

const ROLES = ['participant', 'observer', 'Observer', '', 'witness'];

const address = fc
  .tuple(host, port, fc.option(port, { freq: 5 }), fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...ROLES) }))
  .map(([h, quorum, election, role]) => [h, quorum, ...(election === null ? [] : [election]), ...(role === null ? [] : [role])].join(':'));

/** The value of a server.N line: addresses ('|'), a role, a ';client' part, trailing blanks; sometimes garbage. */
export const serverValue: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.array(address, { minLength: 1, maxLength: 3 }),
        fc.option(fc.oneof(port, fc.tuple(host, port).map(([h, p]) => `${h}:${p}`)), { freq: 2 }),
        blanks,
      )
      .map(([addresses, client, trailing]) => `${addresses.join('|')}${client === null ? '' : `;${client}`}${trailing}`),
  },
  { weight: 1, arbitrary: noise(20) },
  { weight: 1, arbitrary: fc.tuple(address, noise(6), address).map((parts) => parts.join('')) },
);

const serverId = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 6 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('x', '1.5', '', '-1', '٣', '256', '9999999999999999999', ' 1', '1 ', '01') },
);

const KNOWN_KEYS = [
  'tickTime', 'initLimit', 'syncLimit', 'dataDir', 'dataLogDir', 'clientPort', 'clientPortAddress', 'secureClientPort',
  'maxClientCnxns', 'autopurge.snapRetainCount', 'autopurge.purgeInterval', '4lw.commands.whitelist', 'dynamicConfigFile',
  'standaloneEnabled', 'reconfigEnabled', 'quorumListenOnAllIPs', 'admin.serverPort', 'admin.enableServer', 'peerType',
  'electionAlg', 'minSessionTimeout', 'maxSessionTimeout', 'sslQuorum', 'multiAddress.enabled', 'metricsProvider.className',
  // typos, wrong case, prefixed, ineffective
  'tickTim', 'ticktime', 'initlimit', 'zookeeper.tickTime', 'jute.maxbuffer', 'connectionMaxTokens', 'clientport',
];
const VALUES = ['2000', '10', '5', '3000', '/var/lib/zookeeper', 'data', './data', '../node2/data', '/w/node1/data', '2181', '2182', 'true', 'false', 'yes', 'observer', 'participant', '*', 'srvr,mntr,ruok', '0', '-5', '', ' ', '2147483648', 'zoo.cfg.dynamic.100000000', 'C:\\zk\\data', '\\u0032000', '\\u12'];
const value = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...VALUES) }, { weight: 1, arbitrary: noise(10) });
const separator = fc.constantFrom('=', '=', '=', ' = ', ':', ' ', '\t', ' :', '=\\\n  ');

/** One logical line of a zoo.cfg (it may itself span several natural lines through continuations). */
export const zooCfgLine: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(blanks, fc.constantFrom(...KNOWN_KEYS), separator, value).map((p) => p.join('')) },
  { weight: 6, arbitrary: fc.tuple(blanks, fc.constantFrom('server.', 'server.', 'server.', 'Server.', 'server'), serverId, separator, serverValue).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('group.', 'weight.'), serverId, fc.constantFrom('=', ':'), fc.constantFrom('1:2:3', '1', '0', 'x', '')).map((p) => p.join('')) },
  { weight: 2, arbitrary: fc.tuple(blanks, fc.constantFrom('#', '!', '# ', '#server.1=zoo9:2888:3888 '), noise(20)).map((p) => p.join('')) },
  { weight: 1, arbitrary: blanks },
  { weight: 2, arbitrary: noise(24) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...KNOWN_KEYS), fc.constantFrom('=val\\', '=a\\\\', '\\', '=\\u00'), lineEnding, blanks, value).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('tick\\u0054ime=2000', 'server.\\u0031=zoo1:2888:3888', 'key\\ with\\ blanks=1', '\\u12', 'a\\uZZZZ=1', 'x=\\t\\n\\r\\f') },
);

function assemble(lines: readonly string[], endings: readonly string[], bom: boolean, finalEnding: boolean): string {
  const body = lines.map((line, i) => line + (i < lines.length - 1 || finalEnding ? endings[i % endings.length] : '')).join('');
  return (bom ? '\uFEFF' : '') + body;
}

/** Line endings: one style for the whole file (mostly), or mixed. */
const endings = fc.oneof({ weight: 4, arbitrary: lineEnding.map((e) => [e]) }, { weight: 1, arbitrary: fc.array(lineEnding, { minLength: 1, maxLength: 4 }) });

const withFraming = (lines: fc.Arbitrary<string[]>): fc.Arbitrary<string> =>
  fc.tuple(lines, endings, fc.constantFrom(false, false, false, true), fc.boolean()).map(([ls, es, bom, finalEnding]) => assemble(ls, es, bom, finalEnding));

/** Random local damage: insert noise, delete a slice, duplicate a slice. */
const mutation = fc.tuple(fc.constantFrom('insert', 'delete', 'duplicate'), fc.nat(), fc.nat({ max: 12 }), noise(6));

function mutate(text: string, mutations: readonly (readonly [string, number, number, string])[]): string {
  let result = text;
  for (const [kind, at, length, inserted] of mutations) {
    const position = result.length === 0 ? 0 : at % (result.length + 1);
    if (kind === 'insert') result = result.slice(0, position) + inserted + result.slice(position);
    else if (kind === 'delete') result = result.slice(0, position) + result.slice(position + length);
    else result = result.slice(0, position) + result.slice(position, position + length) + result.slice(position);
  }
  return result;
}

const mutated = (text: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(text, fc.array(mutation, { maxLength: 2 }), fc.nat({ max: 9 })).map(([t, ms, dice]) => (dice < 7 ? t : mutate(t, ms)));

export const zooCfgText: fc.Arbitrary<string> = mutated(withFraming(fc.array(zooCfgLine, { maxLength: 14 })));

export const myidText: fc.Arbitrary<string> = mutated(
  fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom('', '\uFEFF', ' ', '\t'), fc.oneof(fc.integer({ min: -2, max: 300 }).map(String), fc.constantFrom('9223372036854775807', '9223372036854775808', '+3', '٣', '１', '1e3', '0x1', 'abc')), fc.constantFrom('', '\n', '\r\n', '\r', ' \n', '\n\n2\n', '\r\r')).map((p) => p.join('')) },
    { weight: 1, arbitrary: noise(16) },
  ),
);

// --- compose ---------------------------------------------------------------------------------------------------

const IMAGES = [
  'zookeeper:3.8', 'zookeeper:3.4.14', 'zookeeper:3.5.10', 'zookeeper', 'zookeeper:latest', 'bitnami/zookeeper:3.9', 'bitnami/zookeeper',
  'confluentinc/cp-zookeeper:7.5.0', 'wurstmeister/zookeeper', 'docker.io/library/zookeeper:3.6.4', 'zookeeper:${ZK_TAG:-3.8}',
  'busybox', 'zookeeper@sha256:abc', '"zookeeper:3.7"', "'zookeeper:3.9'", '', 'zookeeper:3.8 # pinned',
];
const SERVICE_NAMES = ['zoo1', 'zoo2', 'zoo3', 'zookeeper', 'kafka', 'zk-1', '"zoo 4"', 'zoo1'];

const quoted = (text: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(text, fc.constantFrom('plain', 'plain', 'double', 'single')).map(([t, style]) =>
    style === 'double' ? `"${t.replace(/["\\]/g, '\\$&')}"` : style === 'single' ? `'${t.replace(/'/g, "''")}'` : t,
  );

const zooServers = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 5 }), serverValue), { minLength: 1, maxLength: 4 })
  .map((entries) => entries.map(([id, v]) => `server.${id}=${v}`).join(' '));
const confluentServers = fc.array(fc.tuple(host, port, port).map((p) => p.join(':')), { minLength: 1, maxLength: 4 }).map((list) => list.join(';'));
const bitnamiServers = fc.array(fc.tuple(host, port, port, fc.integer({ min: 0, max: 5 })).map(([h, a, b, id]) => `${h}:${a}:${b}::${id}`), { minLength: 1, maxLength: 4 }).map((list) => list.join(','));

const envEntry: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(fc.constantFrom('ZOO_MY_ID', 'ZOOKEEPER_SERVER_ID', 'ZOO_SERVER_ID'), fc.oneof(fc.integer({ min: -1, max: 6 }).map(String), fc.constantFrom('${ID:-1}', 'x', ''))),
  fc.tuple(fc.constant('ZOO_SERVERS'), fc.oneof(zooServers, bitnamiServers)),
  fc.tuple(fc.constant('ZOOKEEPER_SERVERS'), confluentServers),
  fc.tuple(fc.constantFrom('ZOO_TICK_TIME', 'ZOOKEEPER_TICK_TIME', 'ZOO_INIT_LIMIT', 'ZOOKEEPER_CLIENT_PORT', 'ZOO_PORT_NUMBER', 'ZOO_4LW_COMMANDS_WHITELIST', 'ZOO_CFG_EXTRA', 'ALLOW_ANONYMOUS_LOGIN', 'ZOO_STANDALONE_ENABLED'), value),
  fc.tuple(noise(6), noise(6)),
);

const environment = fc.tuple(fc.array(envEntry, { maxLength: 4 }), fc.constantFrom('map', 'map', 'list', 'block')).chain(([entries, style]) =>
  fc.tuple(...entries.map(([, v]) => quoted(fc.constant(v)))).map((values) => {
    if (entries.length === 0) return ['    environment:'];
    if (style === 'list') return ['    environment:', ...entries.map(([name, v]) => `      - ${name}=${v}`)];
    if (style === 'block') return ['    environment:', ...entries.flatMap(([name, v]) => [`      ${name}: |-`, `        ${v}`])];
    return ['    environment:', ...entries.map(([name], i) => `      ${name}: ${values[i]}`)];
  }),
);

const VOLUMES = [
  '- ./zoo.cfg:/conf/zoo.cfg', '- ./node1/zoo.cfg:/conf/zoo.cfg:ro', '- ./myid:/data/myid', '- ../../etc/passwd:/conf/zoo.cfg:ro',
  '- /etc/passwd:/conf/zoo.cfg', '- data:/data', '- ~/zk:/data', '- C:\\zk:/data', '- ./data:/opt/zookeeper-3.4.9/data',
  '- ./conf:/conf', '- :/data', '- ./x:relative', '- type: bind\n        source: ./zoo.cfg\n        target: /conf/zoo.cfg',
  '- type: volume\n        target: /data', '- ./a:/b:c:d',
];
const PORT_ENTRIES = ['- "2181:2181"', '- 2181', '- "127.0.0.1:2181:2181/tcp"', '- "2181-2183:2181-2183"', "- '2888:2888'", '- "8080:8080"', '- 70000:1', '- target: 2181\n        published: 2182', '- "::1:2181:2181"'];

const service = fc
  .record({
    name: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...SERVICE_NAMES) }, { weight: 1, arbitrary: noise(6) }),
    merge: fc.constantFrom('', '', '', '    <<: *zk'),
    image: quoted(fc.constantFrom(...IMAGES)),
    hostname: fc.option(fc.constantFrom('zoo1', 'zoo2', 'zoo3', '${HOST}'), { freq: 2 }),
    ports: fc.option(fc.array(fc.constantFrom(...PORT_ENTRIES), { maxLength: 3 }), { freq: 2 }),
    environment: fc.option(environment, { freq: 4 }),
    volumes: fc.option(fc.array(fc.constantFrom(...VOLUMES), { maxLength: 3 }), { freq: 2 }),
    envFile: fc.constantFrom('', '', '', '    env_file: .env', '    env_file:\n      - path: ./zk.env\n        required: false', '    env_file: /etc/shadow'),
    extra: fc.constantFrom('', '', '    network_mode: host', '    networks:\n      back:\n        aliases: [zk, "zoo-a"]', '    container_name: zk1', '    restart: always # comment'),
  })
  .map((s) => [
    `  ${s.name}:`,
    ...(s.merge ? [s.merge] : []),
    `    image: ${s.image}`,
    ...(s.hostname === null ? [] : [`    hostname: ${s.hostname}`]),
    ...(s.ports === null ? [] : ['    ports:', ...s.ports.map((p) => `      ${p}`)]),
    ...(s.environment ?? []),
    ...(s.volumes === null ? [] : ['    volumes:', ...s.volumes.map((v) => `      ${v}`)]),
    ...(s.envFile ? [s.envFile] : []),
    ...(s.extra ? [s.extra] : []),
  ]);

const composeLines: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.constantFrom('', 'version: "3.8"', "version: '2'", 'name: my-zk', '# compose file'),
    fc.constantFrom('', '', 'x-zk: &zk\n  image: zookeeper:3.8\n  restart: always', 'x-env: &env\n  ZOO_TICK_TIME: 2000'),
    fc.array(service, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('', '', 'volumes:\n  data: {}', '---\nservices: {}', '---\n- not a map', 'services:\n  dup: {}', 'x-bomb: &b [*b]'),
    fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constantFrom('# note', '    # indented comment', '\t', '  - stray', 'services:', ': :', '{{', '&a', '*a', '<<: *nowhere', '  ? complex key'), noise(10))), { maxLength: 2 }),
  )
  .map(([header, anchors, services, trailer, strays]) => {
    const lines = [...(header ? [header] : []), ...(anchors ? [anchors] : []), 'services:', ...services.flat(), ...(trailer ? [trailer] : [])].flatMap((l) => l.split('\n'));
    for (const [at, stray] of strays) lines.splice(at % (lines.length + 1), 0, stray);
    return lines;
  });

export const composeText: fc.Arbitrary<string> = mutated(withFraming(composeLines));

// --- workspaces -------------------------------------------------------------------------------------------------

export type Workspace = ReadonlyMap<string, string>;
export const ROOT = '/w';

const HEADER = ['tickTime=2000', 'initLimit=10', 'syncLimit=5', 'clientPort=2181'];

interface NodeShape {
  readonly cfg: boolean;
  readonly myid: 'right' | 'other' | 'random' | 'none' | 'in-data-dir';
  readonly dataDir: string;
  readonly perturb: readonly (readonly [number, string])[];
  readonly extra: readonly (readonly [number, string])[];
  readonly header: readonly string[];
  readonly ending: string;
  readonly bom: boolean;
  readonly finalEnding: boolean;
  readonly dynamic: boolean;
  readonly randomMyid: string;
}

const nodeShape: fc.Arbitrary<NodeShape> = fc.record({
  cfg: fc.constantFrom(true, true, true, true, false),
  myid: fc.constantFrom('right', 'right', 'right', 'other', 'random', 'none', 'in-data-dir'),
  dataDir: fc.constantFrom('/var/lib/zookeeper', '/var/lib/zookeeper', 'data', './data', '/w/nodeX/data', ''),
  perturb: fc.array(fc.tuple(fc.nat({ max: 9 }), serverValue), { maxLength: 2 }),
  extra: fc.array(fc.tuple(fc.nat(), zooCfgLine), { maxLength: 3 }),
  header: fc.subarray(HEADER).chain((keys) => fc.tuple(...keys.map((k) => fc.constantFrom(`${k}=${k === 'clientPort' ? 2181 : k === 'tickTime' ? 2000 : 10}`, `${k}=${k === 'clientPort' ? 2182 : 3000}`)))),
  ending: lineEnding,
  bom: fc.constantFrom(false, false, false, false, true),
  finalEnding: fc.constantFrom(true, true, false),
  dynamic: fc.constantFrom(false, false, false, false, true),
  randomMyid: myidText,
});

/**
 * A small workspace below /w: nodes node1..nodeN whose zoo.cfg files share one member list, each with a few
 * perturbations (changed value, dropped or duplicated line, garbage lines), myid files right, wrong or broken,
 * sometimes a dynamic file, sometimes a compose file.
 */
export const workspace: fc.Arbitrary<Workspace> = fc
  .record({
    members: fc.array(fc.constantFrom('zoo$:2888:3888', 'zoo$:2888:3888;2181', '10.0.0.$:2888:3888', 'zoo$:2888:3888:observer'), { minLength: 1, maxLength: 5 }),
    nodes: fc.array(nodeShape, { minLength: 1, maxLength: 3 }),
    compose: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: composeText }),
  })
  .map(({ members, nodes, compose }) => {
    const files = new Map<string, string>();
    const memberLines = members.map((m, i) => `server.${i + 1}=${m.replace('$', String(i + 1))}`);
    nodes.forEach((node, index) => {
      const id = index + 1;
      const folder = `${ROOT}/node${id}`;
      const dataDir = node.dataDir.replace('nodeX', `node${id}`);
      if (node.cfg) {
        const lines = [...node.header, ...(dataDir ? [`dataDir=${dataDir}`] : [])];
        const servers = [...memberLines];
        for (const [at, replacement] of node.perturb) {
          const target = at % (servers.length + 1);
          if (target === servers.length) servers.splice(at % servers.length, 1);
          else if (at % 3 === 0) servers.splice(target, 0, servers[target]);
          else servers[target] = `server.${target + 1}=${replacement}`;
        }
        if (node.dynamic) {
          lines.push('dynamicConfigFile=' + `${folder}/zoo.cfg.dynamic.100000000`);
          files.set(`${folder}/zoo.cfg.dynamic.100000000`, servers.join('\n') + '\n');
        } else lines.push(...servers);
        for (const [at, line] of node.extra) lines.splice(at % (lines.length + 1), 0, line);
        files.set(`${folder}/zoo.cfg`, assemble(lines, [node.ending], node.bom, node.finalEnding));
      }
      const myidText = node.myid === 'right' ? `${id}\n` : node.myid === 'other' ? `${(id % 3) + 1}\n` : node.myid === 'random' ? node.randomMyid : undefined;
      if (myidText !== undefined) files.set(`${folder}/myid`, myidText);
      if (node.myid === 'in-data-dir' && dataDir.startsWith(folder)) files.set(`${dataDir}/myid`, `${id}\n`);
    });
    if (compose !== null) files.set(`${ROOT}/docker-compose.yml`, compose);
    return files;
  });

// --- checks -----------------------------------------------------------------------------------------------------

function isPosition(value: unknown): value is Position {
  return typeof value === 'object' && value !== null && typeof (value as Position).line === 'number' && typeof (value as Position).character === 'number';
}

function isRange(value: unknown): value is Range {
  return typeof value === 'object' && value !== null && isPosition((value as Range).start) && isPosition((value as Range).end);
}

/** Every Range anywhere inside `value` (objects, arrays, maps), with the nearest enclosing `path` string. */
export function collectRanges(value: unknown, defaultPath: string): { path: string; range: Range; where: string }[] {
  const found: { path: string; range: Range; where: string }[] = [];
  const seen = new Set<unknown>();
  const walk = (node: unknown, path: string, where: string) => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (isRange(node)) {
      found.push({ path, range: node, where });
      return;
    }
    if (node instanceof Map) {
      for (const [k, v] of node) walk(v, path, `${where}.get(${String(k)})`);
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, path, `${where}[${i}]`));
      return;
    }
    const ownPath = typeof (node as { path?: unknown }).path === 'string' ? (node as { path: string }).path : path;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'lines' || k === 'text') continue;
      walk(v, ownPath, `${where}.${k}`);
    }
  };
  walk(value, defaultPath, '');
  return found;
}

/** Why a range does not lie inside `text` (LSP line/UTF-16 positions, '\n', '\r\n' and '\r' ending lines), if it does not. */
export function rangeProblem(text: string, range: Range, lines = new LineIndex(text)): string | undefined {
  const inside = (p: Position) =>
    Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.line < lines.lineCount && p.character >= 0 && p.character <= lines.lineEnd(p.line) - lines.lineStart(p.line);
  if (!inside(range.start)) return `start ${JSON.stringify(range.start)} outside the text`;
  if (!inside(range.end)) return `end ${JSON.stringify(range.end)} outside the text`;
  if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) return `start after end: ${JSON.stringify(range)}`;
  return undefined;
}

/** Asserts every range of `value` lies in the text of its path (or, without one, in `defaultPath`'s). */
export function assertRangesInside(value: unknown, texts: ReadonlyMap<string, string>, defaultPath: string, label = ''): void {
  const indexes = new Map<string, LineIndex>();
  for (const { path, range, where } of collectRanges(value, defaultPath)) {
    const text = texts.get(path) ?? texts.get(defaultPath);
    assert.ok(text !== undefined, `${label}${where}: a range in '${path}', a file the input does not have`);
    let lines = indexes.get(path);
    if (!lines) indexes.set(path, (lines = new LineIndex(text)));
    const problem = rangeProblem(text, range, lines);
    // A reference to another file (an env_file entry) carries that file's path but lies in the defaulting file.
    const fallback = texts.get(defaultPath);
    if (problem !== undefined && path !== defaultPath && fallback !== undefined && rangeProblem(fallback, range) === undefined) continue;
    assert.equal(problem, undefined, `${label}${where} (${path}): ${problem}`);
  }
}
