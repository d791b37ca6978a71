/**
 * The ensemble generator: from a few choices to every file an ensemble needs, written so that
 * `zk-ensemble check` finds nothing to say about them. Pure: the CLI (and later the extension) writes the files.
 *
 * Defaults (`defaultSpec`), documented in the README:
 * - 3 nodes, ids 1..N, all participants; ZooKeeper 3.8 syntax unless another version (3.4-3.9) is asked for.
 * - tickTime=2000, initLimit=10, syncLimit=5, 4lw.commands.whitelist=srvr,mntr,ruok (srvr feeds health checks,
 *   mntr monitoring; `ruok` answers even without a quorum, rule book §7.1). Not written for the 3.4 compose
 *   layout: the 3.4 image has no variable for it, and 3.4 enables every word but wchc/wchp anyway.
 * - Official image, pinned per release line: 3.4 → zookeeper:3.4.14, 3.5 → 3.5.10, 3.6 → 3.6.4, 3.7 → 3.7.2,
 *   3.8 → 3.8.4, 3.9 → 3.9.4; a version with a patch number ("3.8.1") pins that tag.
 * - Ports: client 2181, quorum 2888, election 3888 (the options give other bases).
 *
 * Layouts:
 * - `hosts`: one machine per node, `<out>/<host>/{zoo.cfg,myid,docker-compose.yml}` (hosts zoo1..zooN unless
 *   given). The image reads the mounted /conf/zoo.cfg and /data/myid; data and txn log live in named volumes;
 *   client, quorum and election ports are published. Each node's own line names its real host, with
 *   quorumListenOnAllIPs=true so it binds inside the container (rule book §3.4 X8). The AdminServer (3.5+) stays
 *   on the image default, 8080 inside the container, not published.
 * - `compose`: one `<out>/docker-compose.yml` for one Docker host, configured through the image's variables:
 *   service and hostname zooN, ZOO_MY_ID, ZOO_SERVERS as `server.N=zooN:2888:3888;2181` words, a data and a
 *   datalog volume per node. Every container listens on 2181; the host publishes node i's client port as
 *   clientPort+i-1 (2181, 2182, ...) and, on 3.5+, its AdminServer (8080) as 8080+i (8081, 8082, ...).
 * - `local`: N JVMs on this machine, `<out>/nodeI/zoo.cfg` with dataDir `<out>/nodeI/data` (absolute) holding the
 *   myid, every address 127.0.0.1, ports clientPort+i-1, quorumPort+i-1, electionPort+i-1, AdminServer off
 *   (3.5+), ready for `QuorumPeerMain <out>/nodeI/zoo.cfg`.
 * - One node is a standalone server: no server.N line and no myid (a single server.N only makes ZooKeeper log
 *   an error and run standalone). In the compose layout the image then writes its own default line.
 * - 3.4 has no `;clientPort` part: its server lines are host:quorum:election and clientPort carries the port.
 */
import { isAbsolute, join, normalize } from './paths';
import { formatServerValue, ServerSpec } from './serverLine';
import { atLeast, releaseVersion, ZkVersion } from './version';

export type Layout = 'hosts' | 'compose' | 'local';

export const LAYOUTS: readonly Layout[] = ['hosts', 'compose', 'local'];

export interface MemberSpec {
  id: number;
  /** The host others reach this node at; the service name and hostname in the compose layout. */
  host: string;
  /** The port ZooKeeper listens on for clients (inside the container for hosts and compose). */
  clientPort: number;
  quorumPort: number;
  electionPort: number;
  role: 'participant' | 'observer';
  /** compose: the Docker host port published for the AdminServer's 8080 (omitted: not published). */
  adminPort?: number;
  /** compose: the Docker host port published for `clientPort` (omitted: not published). */
  publishedClientPort?: number;
}

export interface EnsembleSpec {
  layout: Layout;
  /** '3.8', or '3.8.4' to pin that image tag. */
  version: string;
  members: MemberSpec[];
  /**
   * Settings every node gets, in order, written before the node's own keys. The generator writes dataDir,
   * dataLogDir, clientPort and server.N itself: those keys cannot be settings.
   */
  settings: [key: string, value: string][];
  /** Absolute, '/'-separated. */
  outDir: string;
}

export interface GeneratedFile {
  /** Absolute, '/'-separated, below `outDir`. */
  path: string;
  text: string;
}

export interface GenerateOptions {
  nodes: number;
  layout: Layout;
  /** Absolute, '/'-separated. */
  outDir: string;
  hosts?: string[];
  clientPort?: number;
  quorumPort?: number;
  electionPort?: number;
  zookeeperVersion?: string;
}

export const DEFAULT_NODES = 3;
export const MAX_NODES = 255;
export const DEFAULT_GENERATE_VERSION = '3.8';
export const DEFAULT_CLIENT_PORT = 2181;
export const DEFAULT_QUORUM_PORT = 2888;
export const DEFAULT_ELECTION_PORT = 3888;
/** The AdminServer's port inside the official image (3.5+). */
export const ADMIN_SERVER_PORT = 8080;
/** The client port every official-image container listens on in the compose layout (the only one 3.4 images know). */
export const CONTAINER_CLIENT_PORT = 2181;

/** The official image tag pinned for each release line. */
export const IMAGE_TAGS: Readonly<Record<string, string>> = {
  '3.4': '3.4.14',
  '3.5': '3.5.10',
  '3.6': '3.6.4',
  '3.7': '3.7.2',
  '3.8': '3.8.4',
  '3.9': '3.9.4',
};

const VERSION_PATTERN = /^3\.(\d+)(?:\.(\d+))?$/;

/** Keys the generator writes per node; a setting with one of these names would be a duplicate key. */
const NODE_KEYS = new Set(['dataDir', 'dataLogDir', 'clientPort']);

/** The official image's variables for settings (rule book §4.1); anything else goes to ZOO_CFG_EXTRA (3.5+). */
const OFFICIAL_VARIABLES: readonly { key: string; env: string; since?: string }[] = [
  { key: 'tickTime', env: 'ZOO_TICK_TIME' },
  { key: 'initLimit', env: 'ZOO_INIT_LIMIT' },
  { key: 'syncLimit', env: 'ZOO_SYNC_LIMIT' },
  { key: 'maxClientCnxns', env: 'ZOO_MAX_CLIENT_CNXNS' },
  { key: 'autopurge.snapRetainCount', env: 'ZOO_AUTOPURGE_SNAPRETAINCOUNT' },
  { key: 'autopurge.purgeInterval', env: 'ZOO_AUTOPURGE_PURGEINTERVAL' },
  { key: 'standaloneEnabled', env: 'ZOO_STANDALONE_ENABLED', since: '3.5' },
  { key: 'admin.enableServer', env: 'ZOO_ADMINSERVER_ENABLED', since: '3.5' },
  { key: '4lw.commands.whitelist', env: 'ZOO_4LW_COMMANDS_WHITELIST', since: '3.5' },
];

// ---------------------------------------------------------------------------------------------------------------
// Validation: one human message per problem, without CLI flag names (the extension's input boxes reuse them).

export function validateNodeCount(nodes: number): string[] {
  return Number.isInteger(nodes) && nodes >= 1 && nodes <= MAX_NODES
    ? []
    : [`The number of nodes must be a whole number from 1 to ${MAX_NODES} (ZooKeeper ids are 1-255), not ${describeNumber(nodes)}.`];
}

export function validatePort(port: number, what: string): string[] {
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [`The ${what} must be a whole number from 1 to 65535, not ${describeNumber(port)}.`];
}

export function validateVersion(version: string): string[] {
  const match = VERSION_PATTERN.exec(version);
  if (match && IMAGE_TAGS[`3.${match[1]}`] !== undefined) return [];
  return [`The ZooKeeper version must be one of ${Object.keys(IMAGE_TAGS).join(', ')} (or one of their releases, e.g. 3.8.4), not '${version}'.`];
}

export function validateLayout(layout: string): string[] {
  return (LAYOUTS as readonly string[]).includes(layout) ? [] : [`The layout must be ${LAYOUTS.join(', ')}, not '${layout}'.`];
}

/** Host names for the `hosts` and `compose` layouts (compose uses them as service names and hostnames). */
export function validateHosts(hosts: readonly string[], nodes: number, layout: Layout): string[] {
  if (layout === 'local') return ['The local layout runs every node on 127.0.0.1: leave out the host list.'];
  const messages: string[] = [];
  if (Number.isInteger(nodes) && hosts.length !== nodes) {
    messages.push(`Give one host per node: ${nodes} node${nodes === 1 ? '' : 's'} but ${hosts.length} host${hosts.length === 1 ? '' : 's'}.`);
  }
  const seen = new Map<string, number>();
  hosts.forEach((host, index) => {
    const which = `Host ${index + 1}`;
    if (host === '') {
      messages.push(`${which} is empty.`);
      return;
    }
    if (layout === 'compose') {
      if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(host)) {
        messages.push(`${which}, '${host}', must be a compose service name that is also a hostname: lower-case letters, digits and '-', e.g. zoo1.`);
      }
    } else if (!isHostName(host)) {
      messages.push(`${which}, '${host}', must be a host name or an IPv4 address, e.g. zoo1, zoo1.example.com or 10.0.0.11.`);
    } else if (nodes > 1 && (host === '0.0.0.0' || isLoopbackHost(host))) {
      messages.push(`${which}, '${host}', is not an address the other nodes can reach: write the machine's real host name or IP (to run every node on this machine, use the local layout).`);
    }
    const key = host.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) messages.push(`${which}, '${host}', repeats host ${first + 1}: every node needs its own host.`);
    else seen.set(key, index);
  });
  return messages;
}

/** Everything wrong with `options`, as messages for people; empty when `defaultSpec` can use them. */
export function validateGenerateOptions(options: GenerateOptions): string[] {
  const messages = [...validateNodeCount(options.nodes), ...validateLayout(options.layout)];
  if (typeof options.outDir !== 'string' || options.outDir === '') messages.push('The output folder is missing.');
  else if (!isAbsolute(options.outDir) && !/^[A-Za-z]:\//.test(options.outDir)) messages.push(`The output folder must be an absolute path, not '${options.outDir}'.`);
  const version = options.zookeeperVersion ?? DEFAULT_GENERATE_VERSION;
  messages.push(...validateVersion(version));
  const ports = {
    client: options.clientPort ?? DEFAULT_CLIENT_PORT,
    quorum: options.quorumPort ?? DEFAULT_QUORUM_PORT,
    election: options.electionPort ?? DEFAULT_ELECTION_PORT,
  };
  const portMessages = [...validatePort(ports.client, 'client port'), ...validatePort(ports.quorum, 'quorum port'), ...validatePort(ports.election, 'election port')];
  messages.push(...portMessages);
  const layoutKnown = validateLayout(options.layout).length === 0;
  if (options.hosts !== undefined && layoutKnown) messages.push(...validateHosts(options.hosts, options.nodes, options.layout));
  const nodesKnown = validateNodeCount(options.nodes).length === 0;
  if (portMessages.length === 0 && layoutKnown && nodesKnown && validateVersion(version).length === 0) {
    messages.push(...portConflicts(options.layout, options.nodes, ports, atLeast(releaseVersion(version), '3.5')));
  }
  return messages;
}

/** Ports that would clash on one machine (rule book §3.4 X5-X7), per layout. */
function portConflicts(layout: Layout, nodes: number, ports: { client: number; quorum: number; election: number }, adminServer: boolean): string[] {
  const messages: string[] = [];
  const distinct = (listeners: [what: string, port: number][], where: string) => {
    for (let i = 0; i < listeners.length; i++) {
      for (let j = i + 1; j < listeners.length; j++) {
        if (listeners[i][1] === listeners[j][1]) messages.push(`The ${listeners[i][0]} and the ${listeners[j][0]} are both ${listeners[i][1]} ${where}: give each its own port.`);
      }
    }
  };
  const admin: [string, number][] = adminServer ? [["AdminServer's port (8080 in the official image)", ADMIN_SERVER_PORT]] : [];
  if (layout === 'hosts') {
    distinct([['client port', ports.client], ['quorum port', ports.quorum], ['election port', ports.election], ...admin], 'on each host');
  } else if (layout === 'compose') {
    // Inside each container: the image's client port, the chosen quorum and election ports, the AdminServer.
    distinct([['client port inside the container', CONTAINER_CLIENT_PORT], ['quorum port', ports.quorum], ['election port', ports.election], ...admin], 'inside each container');
    const ranges: PortRange[] = [{ what: 'published client ports', first: ports.client, last: ports.client + nodes - 1 }];
    if (adminServer) ranges.push({ what: 'published AdminServer ports', first: ADMIN_SERVER_PORT + 1, last: ADMIN_SERVER_PORT + nodes });
    messages.push(...rangeConflicts(ranges, 'on the Docker host'));
  } else {
    messages.push(
      ...rangeConflicts(
        [
          { what: 'client ports', first: ports.client, last: ports.client + nodes - 1 },
          { what: 'quorum ports', first: ports.quorum, last: ports.quorum + nodes - 1 },
          { what: 'election ports', first: ports.election, last: ports.election + nodes - 1 },
        ],
        'on this machine',
      ),
    );
  }
  return messages;
}

interface PortRange {
  what: string;
  first: number;
  last: number;
}

function rangeConflicts(ranges: readonly PortRange[], where: string): string[] {
  const messages: string[] = [];
  const show = (r: PortRange) => (r.first === r.last ? `${r.first}` : `${r.first}-${r.last}`);
  for (const r of ranges) if (r.last > 65535) messages.push(`The ${r.what} ${show(r)} go past 65535: start them lower.`);
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const [a, b] = [ranges[i], ranges[j]];
      if (a.first <= b.last && b.first <= a.last) messages.push(`The ${a.what} ${show(a)} overlap the ${b.what} ${show(b)} ${where}: move one range.`);
    }
  }
  return messages;
}

function describeNumber(value: number): string {
  return Number.isNaN(value) || typeof value !== 'number' ? `'${String(value)}'` : String(value);
}

function isHostName(host: string): boolean {
  if (host.length > 253) return false;
  return host.split('.').every((label) => /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(label));
}

function isLoopbackHost(host: string): boolean {
  return host.toLowerCase() === 'localhost' || /^127\./.test(host);
}

// ---------------------------------------------------------------------------------------------------------------
// The spec.

/** The documented defaults for `options` (validate them first: this does not). */
export function defaultSpec(options: GenerateOptions): EnsembleSpec {
  const version = options.zookeeperVersion ?? DEFAULT_GENERATE_VERSION;
  const modern = atLeast(releaseVersion(version), '3.5');
  const client = options.clientPort ?? DEFAULT_CLIENT_PORT;
  const quorum = options.quorumPort ?? DEFAULT_QUORUM_PORT;
  const election = options.electionPort ?? DEFAULT_ELECTION_PORT;
  const members: MemberSpec[] = [];
  for (let i = 1; i <= options.nodes; i++) {
    const role = 'participant';
    if (options.layout === 'local') {
      members.push({ id: i, host: '127.0.0.1', clientPort: client + i - 1, quorumPort: quorum + i - 1, electionPort: election + i - 1, role });
    } else {
      const host = options.hosts?.[i - 1] ?? `zoo${i}`;
      if (options.layout === 'hosts') {
        members.push({ id: i, host, clientPort: client, quorumPort: quorum, electionPort: election, role });
      } else {
        members.push({
          id: i,
          host,
          clientPort: CONTAINER_CLIENT_PORT,
          quorumPort: quorum,
          electionPort: election,
          role,
          publishedClientPort: client + i - 1,
          ...(modern && { adminPort: ADMIN_SERVER_PORT + i }),
        });
      }
    }
  }
  const settings: [string, string][] = [
    ['tickTime', '2000'],
    ['initLimit', '10'],
    ['syncLimit', '5'],
  ];
  if (modern || options.layout !== 'compose') settings.push(['4lw.commands.whitelist', 'srvr,mntr,ruok']);
  if (options.layout === 'hosts' && options.nodes > 1) settings.push(['quorumListenOnAllIPs', 'true']);
  if (options.layout === 'local' && modern) settings.push(['admin.enableServer', 'false']);
  return { layout: options.layout, version, members, settings, outDir: normalize(options.outDir) };
}

/** The official image reference for a version: the pinned tag of its line, or the exact release asked for. */
export function imageFor(version: string): string {
  const match = VERSION_PATTERN.exec(version);
  if (!match) throw new Error(`Unknown ZooKeeper version '${version}'.`);
  const tag = match[2] !== undefined ? version : IMAGE_TAGS[`3.${match[1]}`];
  if (tag === undefined) throw new Error(`No official image is pinned for ZooKeeper ${version}.`);
  return `zookeeper:${tag}`;
}

/** The folder (relative to outDir) holding a member's files in the hosts and local layouts. */
export function memberFolder(spec: EnsembleSpec, member: MemberSpec): string {
  return spec.layout === 'local' ? `node${member.id}` : member.host;
}

// ---------------------------------------------------------------------------------------------------------------
// Files.

/** Every file of the ensemble, in a stable order. Throws when the spec asks for something its layout cannot express. */
export function generateFiles(spec: EnsembleSpec): GeneratedFile[] {
  const version = releaseVersion(spec.version);
  for (const [key] of spec.settings) {
    if (NODE_KEYS.has(key) || /^(server|group|weight)\./.test(key)) throw new Error(`'${key}' is written by the generator for each node; it cannot be a setting.`);
  }
  const outDir = normalize(spec.outDir);
  switch (spec.layout) {
    case 'hosts':
      return spec.members.flatMap((member) => hostFiles(spec, member, version, outDir));
    case 'compose':
      return [{ path: join(outDir, 'docker-compose.yml'), text: composeFile(spec, version) }];
    case 'local':
      return spec.members.flatMap((member) => localFiles(spec, member, version, outDir));
  }
}

function isStandalone(spec: EnsembleSpec): boolean {
  return spec.members.length === 1;
}

function hostFiles(spec: EnsembleSpec, member: MemberSpec, version: ZkVersion, outDir: string): GeneratedFile[] {
  const folder = join(outDir, memberFolder(spec, member));
  const standalone = isStandalone(spec);
  const header = [
    `# ZooKeeper ${spec.version} configuration for ${describeMember(spec, member)}, generated by zk-ensemble.`,
    '# The official image reads it at /conf/zoo.cfg (see docker-compose.yml beside it).',
  ];
  const config = zooCfg(spec, version, header, [
    ['dataDir', '/data'],
    ['dataLogDir', '/datalog'],
    ['clientPort', String(member.clientPort)],
  ]);
  const ports = standalone ? [member.clientPort] : [member.clientPort, member.quorumPort, member.electionPort];
  const lines = [
    `# ZooKeeper ${spec.version}, ${describeMember(spec, member)}: run \`docker compose up -d\` on ${member.host}.`,
    standalone
      ? `# Clients connect to ${member.host}:${member.clientPort}.`
      : `# The other nodes must reach ${member.host} on ports ${member.quorumPort} and ${member.electionPort}; clients use ${member.clientPort}.`,
    'services:',
    '  zookeeper:',
    `    image: ${imageFor(spec.version)}`,
    '    restart: always',
    '    ports:',
    ...ports.map((port) => `      - "${port}:${port}"`),
    '    volumes:',
    '      - data:/data',
    '      - datalog:/datalog',
    '      - ./zoo.cfg:/conf/zoo.cfg',
    ...(standalone ? [] : ['      - ./myid:/data/myid']),
    'volumes:',
    '  data:',
    '  datalog:',
  ];
  const files = [{ path: join(folder, 'zoo.cfg'), text: config }];
  if (!standalone) files.push({ path: join(folder, 'myid'), text: `${member.id}\n` });
  files.push({ path: join(folder, 'docker-compose.yml'), text: lines.join('\n') + '\n' });
  return files;
}

function localFiles(spec: EnsembleSpec, member: MemberSpec, version: ZkVersion, outDir: string): GeneratedFile[] {
  const folder = join(outDir, memberFolder(spec, member));
  const dataDir = join(folder, 'data');
  const configPath = join(folder, 'zoo.cfg');
  const header = [
    `# ZooKeeper ${spec.version} configuration for ${describeMember(spec, member)}, generated by zk-ensemble.`,
    `# Start it with: java -cp <zookeeper jars> org.apache.zookeeper.server.quorum.QuorumPeerMain ${configPath}`,
    `#            or: zkServer.sh start-foreground ${configPath}`,
  ];
  const config = zooCfg(spec, version, header, [
    ['dataDir', dataDir],
    ['clientPort', String(member.clientPort)],
  ]);
  const files = [{ path: configPath, text: config }];
  if (!isStandalone(spec)) files.push({ path: join(dataDir, 'myid'), text: `${member.id}\n` });
  return files;
}

function describeMember(spec: EnsembleSpec, member: MemberSpec): string {
  const size = spec.members.length;
  return size === 1 ? `a standalone server (${member.host})` : `server.${member.id} (${member.host}) of a ${size}-node ensemble`;
}

function zooCfg(spec: EnsembleSpec, version: ZkVersion, header: readonly string[], nodeKeys: readonly [string, string][]): string {
  const lines = [...header.map(commentLine)];
  for (const [key, value] of [...spec.settings, ...nodeKeys]) lines.push(`${escapeKey(key)}=${escapeValue(value)}`);
  if (!isStandalone(spec)) {
    for (const m of spec.members) lines.push(`server.${m.id}=${serverValue(m, version)}`);
  }
  return lines.join('\n') + '\n';
}

function serverValue(member: MemberSpec, version: ZkVersion): string {
  const none = { start: 0, end: 0 };
  const spec: ServerSpec = {
    addresses: [{ host: member.host, hostSpan: none, quorumPort: member.quorumPort, quorumPortSpan: none, electionPort: member.electionPort, electionPortSpan: none }],
    role: member.role,
    clientPort: member.clientPort,
  };
  return formatServerValue(spec, version);
}

function composeFile(spec: EnsembleSpec, version: ZkVersion): string {
  const modern = atLeast(version, '3.5');
  const standalone = isStandalone(spec);
  const image = imageFor(spec.version);
  const environment: [string, string][] = [];
  const extra: string[] = [];
  for (const [key, value] of spec.settings) {
    const variable = OFFICIAL_VARIABLES.find((v) => v.key === key && (v.since === undefined || atLeast(version, v.since)));
    if (variable) {
      environment.push([variable.env, value]);
    } else if (!modern) {
      throw new Error(`The ${image} image has no variable for '${key}' and reads no ZOO_CFG_EXTRA: use the hosts layout to set it.`);
    } else if (/\s/.test(`${key}=${value}`) || value === '') {
      throw new Error(`'${key}=${value}' cannot go into ZOO_CFG_EXTRA, which the image splits at blanks: use the hosts layout to set it.`);
    } else {
      extra.push(`${key}=${value}`);
    }
  }
  if (extra.length > 0) environment.push(['ZOO_CFG_EXTRA', extra.join(' ')]);

  const published = spec.members.flatMap((m) => (m.publishedClientPort === undefined ? [] : [`localhost:${m.publishedClientPort}`]));
  const admin = spec.members.flatMap((m) => (m.adminPort === undefined ? [] : [`http://localhost:${m.adminPort}/commands`]));
  const lines = [
    standalone
      ? `# A standalone ZooKeeper ${spec.version} server (generated by zk-ensemble). Start it with \`docker compose up -d\`.`
      : `# A ${spec.members.length}-node ZooKeeper ${spec.version} ensemble on one Docker host (generated by zk-ensemble). Start it with \`docker compose up -d\`.`,
    ...(published.length > 0 ? [`# Clients: ${published.join(',')}`] : []),
    ...(admin.length > 0 ? [`# AdminServer (8080 in each container): ${admin.join(' ')}`] : []),
    ...(standalone ? ['# No ZOO_SERVERS: the image writes its own single server.1 line, so ZooKeeper runs standalone.'] : []),
    'services:',
  ];
  for (const member of spec.members) {
    const ports = [
      ...(member.publishedClientPort === undefined ? [] : [`${member.publishedClientPort}:${member.clientPort}`]),
      ...(member.adminPort === undefined ? [] : [`${member.adminPort}:${ADMIN_SERVER_PORT}`]),
    ];
    const memberEnvironment: [string, string][] = standalone
      ? environment
      : [
          ['ZOO_MY_ID', String(member.id)],
          ['ZOO_SERVERS', spec.members.map((m) => `server.${m.id}=${serverValue(m, version)}`).join(' ')],
          ...environment,
        ];
    lines.push(
      `  ${member.host}:`,
      `    image: ${image}`,
      `    hostname: ${member.host}`,
      '    restart: always',
      ...(ports.length > 0 ? ['    ports:', ...ports.map((p) => `      - "${p}"`)] : []),
      ...(memberEnvironment.length > 0 ? ['    environment:', ...memberEnvironment.map(([name, value]) => `      ${name}: ${yamlString(value)}`)] : []),
      '    volumes:',
      `      - ${member.host}-data:/data`,
      `      - ${member.host}-datalog:/datalog`,
    );
  }
  lines.push('volumes:');
  for (const member of spec.members) lines.push(`  ${member.host}-data:`, `  ${member.host}-datalog:`);
  return lines.join('\n') + '\n';
}

/** A double-quoted YAML scalar (values never hold '$', which compose would interpolate). */
function yamlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

// ---------------------------------------------------------------------------------------------------------------
// java.util.Properties text. ZooKeeper loads zoo.cfg from an InputStream, i.e. as ISO-8859-1: anything beyond
// ASCII must be a \uXXXX escape or the path ZooKeeper sees is not the one on disk.

function commentLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}

function escapeKey(key: string): string {
  return escapeText(key, true);
}

function escapeValue(value: string): string {
  return escapeText(value, false);
}

function escapeText(text: string, isKey: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const code = text.charCodeAt(i);
    if (ch === '\\') out += '\\\\';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (ch === ' ' && (isKey || i === 0)) out += '\\ ';
    else if (isKey && (ch === '=' || ch === ':' || ch === '#' || ch === '!')) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}
