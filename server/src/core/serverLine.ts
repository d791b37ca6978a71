/**
 * `server.N` keys and values read the way ZooKeeper's own code reads them, version by version (rule book §2.1, §2.2):
 * 3.4 `QuorumPeerConfig.parseProperties`, 3.5 `QuorumServer(sid, addressStr)`, 3.6+ `initializeWithAddressString`,
 * with `ConfigUtils.getHostAndPort` for bracketed IPv6. The value is the string java.util.Properties delivered
 * (leading blanks gone, trailing blanks kept); spans are UTF-16 offsets into it.
 */
import { javaSplit, javaTrimBounds, parseJavaInt, parseJavaLong } from './java';
import { trimmed } from './arrays';
import { TextMemo } from './memo';
import { atLeast, versionId, versionKey, ZkVersion } from './version';

/** [start, end) within the value (or the key, for key problems). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type ServerRole = 'participant' | 'observer';

export interface ServerAddress {
  /** IPv6 literals without their brackets; `hostSpan` covers the brackets. */
  readonly host: string;
  readonly hostSpan: Span;
  readonly quorumPort: number;
  readonly quorumPortSpan: Span;
  /** Optional only on 3.4 (`host:port`). */
  readonly electionPort?: number;
  readonly electionPortSpan?: Span;
}

export interface ServerSpec {
  /** More than one only with '|' (3.6+). */
  readonly addresses: readonly ServerAddress[];
  readonly role: ServerRole;
  /** Where the role is written (the first address that names one). */
  readonly roleSpan?: Span;
  /** The `;host:port` client part; the host is 0.0.0.0 when only `;port` is written (no `clientHostSpan` then). */
  readonly clientHost?: string;
  readonly clientHostSpan?: Span;
  readonly clientPort?: number;
  readonly clientPortSpan?: Span;
}

export interface ServerLineProblem {
  /** What is wrong and what to do, for a human. */
  readonly message: string;
  /** What this version of ZooKeeper logs, verbatim, when it is known. */
  readonly zkMessage?: string;
  /** The bad part, as narrow as possible; the whole value when its shape is wrong. */
  readonly span: Span;
  /** True when this version refuses to start; false when it only logs or fails later. */
  readonly fatal: boolean;
}

export interface ParsedServerValue {
  /** Present when every part could be read, even if a fatal problem remains (equal ports, '|' disabled). */
  readonly spec?: ServerSpec;
  /** In the order ZooKeeper checks them: the first fatal one is what it logs. */
  readonly problems: readonly ServerLineProblem[];
}

export interface ServerValueOptions {
  /** The JVM runs with -Dzookeeper.multiAddress.enabled=true (3.6+, rule book §1.1). */
  readonly multiAddressEnabled?: boolean;
  /** The N of `server.N`, which some of ZooKeeper's messages name. */
  readonly sid?: number;
}

/** Each distinct value is parsed once per version and options: every node of an ensemble lists the same ones. */
const parsedValues = new TextMemo<ParsedServerValue>(50_000);

export function parseServerValue(value: string, version: ZkVersion, options: ServerValueOptions = {}): ParsedServerValue {
  const context = memoContext(version, options);
  return parsedValues.get(context, value) ?? parsedValues.set(context, value, readServerValue(value, version, options));
}

/** Sids below this (real ones are 1-255) share a numeric memo context with the version and the flag. */
const SMALL_SID = 1 << 16;

/** What a parse depends on besides the text, as one exact key: a number, not a string built and hashed per call. */
function memoContext(version: ZkVersion, options: ServerValueOptions): number | string {
  const id = versionId(version);
  const multiAddress = options.multiAddressEnabled === true;
  const sid = options.sid;
  if (typeof id === 'number' && (sid === undefined || (Number.isInteger(sid) && sid >= 0 && sid < SMALL_SID))) {
    // Below 2^53: id < 10^9, so every (id, flag, sid or none) is an exact, distinct integer.
    return (id * 2 + (multiAddress ? 1 : 0)) * (SMALL_SID + 1) + (sid ?? SMALL_SID);
  }
  return `${versionKey(version)} ${multiAddress} ${sid}`;
}

function readServerValue(value: string, version: ZkVersion, options: ServerValueOptions): ParsedServerValue {
  const reader = new ServerValueReader(version, options);
  const spec = atLeast(version, '3.5') ? reader.readSplitValue(value) : reader.read34Value(value);
  return spec ? { spec, problems: reader.problems } : { problems: reader.problems };
}

/** `server.N`: N = Long.parseLong(key.substring(key.indexOf('.') + 1)), so 'server.x' and 'server.1.x' are fatal. */
export function parseMemberKey(key: string): { id?: number; problem?: { message: string; span: Span } } {
  const start = key.indexOf('.') + 1;
  const idText = key.slice(start);
  const id = parseJavaLong(idText);
  if (id !== undefined) return { id };
  const found = idText === '' ? `'${key}' has no server id` : `'${idText}' in '${key}' is not a server id`;
  return {
    problem: {
      message: `${found}: ZooKeeper refuses to start (NumberFormatException: For input string: "${idText}"). Write server.N with N a whole number, e.g. server.1.`,
      span: { start, end: key.length },
    },
  };
}

/**
 * A spec in ZooKeeper syntax for `version`: 3.4 gets no ';client' part (it uses clientPort), and the role is written
 * only for observers unless `alwaysWriteRole`. Used by fixes and the generator.
 */
export function formatServerValue(spec: ServerSpec, version: ZkVersion, options: { alwaysWriteRole?: boolean } = {}): string {
  const writeRole = spec.role === 'observer' || options.alwaysWriteRole === true;
  const addresses = spec.addresses.map((address) => {
    const ports = address.electionPort === undefined ? `${address.quorumPort}` : `${address.quorumPort}:${address.electionPort}`;
    // Without an election port a role would be read as one, so it can only follow both ports.
    const role = writeRole && address.electionPort !== undefined ? `:${spec.role}` : '';
    return `${bracketed(address.host)}:${ports}${role}`;
  });
  if (!atLeast(version, '3.5') || spec.clientPort === undefined) return addresses.join('|');
  const clientHost = spec.clientHost === undefined || spec.clientHost === WILDCARD_HOST ? '' : `${bracketed(spec.clientHost)}:`;
  return `${addresses.join('|')};${clientHost}${spec.clientPort}`;
}

function bracketed(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

const WILDCARD_HOST = '0.0.0.0';
const MAX_PORT = 65535;

/** A piece of the value; a bracketed IPv6 host's text drops the brackets its span covers. */
interface Part {
  readonly text: string;
  readonly span: Span;
}

type ClientPart = Pick<ServerSpec, 'clientHost' | 'clientHostSpan' | 'clientPort' | 'clientPortSpan'>;

type PortLabel = 'quorum port' | 'election port' | 'client port';

/** Why a part that fails to parse fails, when it is a good value spoilt by blanks, a comment or a 3.5 client part. */
interface Noise {
  readonly kind: 'blanks' | 'comment' | 'client-part';
  readonly span: Span;
}

const WRONG_FORMAT_3_5 =
  ' does not have the form server_config or server_config;client_config' +
  ' where server_config is host:port:port or host:port:port:type and client_config is port or host:port';
const WRONG_FORMAT_3_6 =
  ' does not have the form server_config or server_config;client_config' +
  ' where server_config is the pipe separated list of host:port:port or host:port:port:type' +
  ' and client_config is port or host:port';
// Master (3.10) adds the secure client part; the rule book quotes only the new ending, after the 3.6 beginning.
const WRONG_FORMAT_3_10 =
  ' does not have the form server_config or server_config;client_config' +
  ' where server_config is the pipe separated list of host:port:port or host:port:port:type' +
  " and client_config is host:clientPort;host:secureClientPort or clientPort or host:clientPort or ';secureClientPort' or ';host:secureClientPort'";

class ServerValueReader {
  readonly problems: ServerLineProblem[] = [];
  /** False once a part that the spec needs could not be read. */
  private complete = true;

  constructor(
    private readonly version: ZkVersion,
    private readonly options: ServerValueOptions,
  ) {}

  /** 3.4: the trimmed value split on ':'; a wrong part count is only logged (rule book §2.2). */
  read34Value(value: string): ServerSpec | undefined {
    const bounds = javaTrimBounds(value);
    const whole: Part = { text: value.slice(bounds.start, bounds.end), span: bounds };
    const parts = this.splitHostAndPort(whole);
    if (!parts) return undefined;
    if (parts.length < 2 || parts.length > 4) {
      const zkMessage = `${whole.text} does not have the form host:port or host:port:port  or host:port:port:type`;
      if (parts.length < 2) {
        this.fail({ message: `'${whole.text}' has no quorum port: ZooKeeper 3.4 logs this, then crashes reading the port. Write host:quorumPort:electionPort, e.g. zoo1:2888:3888.`, zkMessage, span: whole.span });
        return undefined;
      }
      this.problems.push({ message: `'${whole.text}' has too many ':' parts; ZooKeeper 3.4 only logs this and ignores what follows the role. Write host:quorumPort:electionPort[:role].`, zkMessage, span: whole.span, fatal: false });
    }
    const [hostPart, quorumPart, electionPart, rolePart] = parts;
    this.checkHost(hostPart, 'host');
    // 3.4 parses both ports and checks the role before InetSocketAddress checks the port ranges.
    const quorumPort = this.readPortNumber(quorumPart, 'quorum port', hostPart.text);
    const electionPort = electionPart && this.readPortNumber(electionPart, 'election port', hostPart.text);
    const role = rolePart ? this.readRole(rolePart, whole.text) : 'participant';
    if (quorumPort !== undefined) this.checkPortRange(quorumPort, quorumPart, 'quorum port');
    if (electionPort !== undefined) this.checkPortRange(electionPort, electionPart, 'election port');
    if (!this.complete || quorumPort === undefined || !role) return undefined;
    const address: ServerAddress = {
      host: hostPart.text,
      hostSpan: hostPart.span,
      quorumPort,
      quorumPortSpan: quorumPart.span,
      ...(electionPort !== undefined && { electionPort, electionPortSpan: electionPart.span }),
    };
    this.checkDistinctPorts(address);
    return { addresses: [address], role, ...(rolePart && { roleSpan: rolePart.span }) };
  }

  /** 3.5+: `addresses[;client]`, untrimmed; 3.5 checks the shape first, 3.6+ reads the client part first. */
  readSplitValue(value: string): ServerSpec | undefined {
    const whole: Part = { text: value, span: { start: 0, end: value.length } };
    const sections = splitPart(whole, ';');
    if (sections.length === 0) {
      this.fail({ message: `'${value}' has no server address: ZooKeeper crashes reading it. Write host:quorumPort:electionPort, e.g. zoo1:2888:3888.`, span: whole.span });
      return undefined;
    }
    return atLeast(this.version, '3.6') ? this.readMultiAddressValue(whole, sections) : this.read35Value(whole, sections);
  }

  private read35Value(whole: Part, sections: Part[]): ServerSpec | undefined {
    const serverParts = this.splitHostAndPort(sections[0]);
    if (!serverParts) return undefined;
    if (sections.length > 2) return this.wrongFormat(whole, tooManySectionsReason(2));
    if (serverParts.length < 3 || serverParts.length > 4) return this.wrongFormat(whole, addressShapeReason(sections[0], serverParts));
    const client = sections.length === 2 ? this.readClientPart(whole, sections[1]) : {};
    if (!client) return undefined;
    const address = this.readAddress(serverParts);
    const rolePart = serverParts[3];
    const role = rolePart ? this.readRole(rolePart, rolePart.text) : 'participant';
    if (!this.complete || !address || !role) return undefined;
    return { addresses: [address], role, ...(rolePart && { roleSpan: rolePart.span }), ...client };
  }

  private readMultiAddressValue(whole: Part, sections: Part[]): ServerSpec | undefined {
    const maxSections = atLeast(this.version, '3.10') ? 3 : 2;
    // On 3.10 `;;securePort` leaves the client part empty; the secure part is accepted and not modelled.
    const clientSection = sections.length <= maxSections && sections[1]?.text ? sections[1] : undefined;
    const client = clientSection ? this.readClientPart(whole, clientSection) : {};
    if (!client) return undefined;
    const addressParts = splitPart(sections[0], '|');
    if (addressParts.length > 1 && !this.options.multiAddressEnabled) {
      this.problems.push({
        message: "Several addresses joined with '|' need the JVM flag -Dzookeeper.multiAddress.enabled=true (multiAddress.enabled in zoo.cfg alone is not enough). Pass the flag or keep one address.",
        ...(this.options.sid !== undefined && { zkMessage: `Multiple address feature is disabled, but multiple addresses were specified for sid ${this.options.sid}` }),
        span: { start: addressParts[1].span.start - 1, end: addressParts[addressParts.length - 1].span.end },
        fatal: true,
      });
    }
    if (addressParts.length === 0) {
      this.fail({ message: `'${whole.text}' has no server address before ';'. Write host:quorumPort:electionPort, e.g. zoo1:2888:3888.`, span: sections[0].span });
      return undefined;
    }
    const addresses: ServerAddress[] = [];
    let declaredRole: { readonly role: ServerRole; readonly span: Span } | undefined;
    for (const addressPart of addressParts) {
      const serverParts = this.splitHostAndPort(addressPart);
      if (!serverParts) return undefined;
      if (sections.length > maxSections) return this.wrongFormat(whole, tooManySectionsReason(maxSections));
      if (serverParts.length < 3 || serverParts.length > 4) return this.wrongFormat(whole, addressShapeReason(addressPart, serverParts));
      const address = this.readAddress(serverParts);
      if (address) addresses.push(address);
      const rolePart = serverParts[3];
      const role = rolePart && this.readRole(rolePart, rolePart.text);
      if (!role) continue;
      if (!declaredRole) declaredRole = { role, span: rolePart.span };
      else if (role !== declaredRole.role) {
        // ZooKeeper prints its default type (PARTICIPANT) here, not the first address's role.
        this.fail({
          message: `All addresses of one server must have the same role: '${declaredRole.role}' first, '${role}' here.`,
          zkMessage: `Multiple addresses should have similar roles: PARTICIPANT vs ${role.toUpperCase()}`,
          span: rolePart.span,
        });
      }
    }
    if (!this.complete) return undefined;
    return { addresses: trimmed(addresses), role: declaredRole?.role ?? 'participant', ...(declaredRole && { roleSpan: declaredRole.span }), ...client };
  }

  /** `[host:]port` after ';'; undefined when its shape is wrong (ZooKeeper stops there). */
  private readClientPart(whole: Part, section: Part): ClientPart | undefined {
    const parts = this.splitHostAndPort(section);
    if (!parts) return undefined;
    if (parts.length > 2) return this.wrongFormat(whole, clientShapeReason(section));
    if (parts.length === 0) {
      this.fail({ message: `The client part '${section.text}' has no port: ZooKeeper crashes reading it. Write ;2181 or ;host:2181.`, span: section.span });
      return undefined;
    }
    const hostPart = parts.length === 2 ? parts[0] : undefined;
    if (hostPart) this.checkHost(hostPart, 'client host');
    const clientHost = hostPart?.text ?? WILDCARD_HOST;
    // 3.6+ names the server's hostname in this message before it is set, so it prints "null" (rule book §2.2).
    const zkHost = atLeast(this.version, '3.6') ? 'null' : clientHost;
    const portPart = parts[parts.length - 1];
    const clientPort = this.readPort(portPart, 'client port', zkHost);
    return {
      clientHost,
      ...(hostPart && { clientHostSpan: hostPart.span }),
      ...(clientPort !== undefined && { clientPort }),
      clientPortSpan: portPart.span,
    };
  }

  /** host:quorumPort:electionPort of 3.5+, where each port is range-checked as soon as it is parsed. */
  private readAddress(parts: Part[]): ServerAddress | undefined {
    const [hostPart, quorumPart, electionPart] = parts;
    this.checkHost(hostPart, 'host');
    const quorumPort = this.readPort(quorumPart, 'quorum port', hostPart.text);
    const electionPort = this.readPort(electionPart, 'election port', hostPart.text);
    if (quorumPort === undefined || electionPort === undefined) return undefined;
    const address: ServerAddress = {
      host: hostPart.text,
      hostSpan: hostPart.span,
      quorumPort,
      quorumPortSpan: quorumPart.span,
      electionPort,
      electionPortSpan: electionPart.span,
    };
    this.checkDistinctPorts(address);
    return address;
  }

  /**
   * ConfigUtils.getHostAndPort: ':'-split, except a leading '[' IPv6 literal. 3.4/3.5 require "]:" right after it;
   * 3.6+ look for ']' alone, skip whatever char follows it, and accept "[::1]" as a lone host.
   */
  private splitHostAndPort(part: Part): Part[] | undefined {
    const text = part.text;
    if (!text.startsWith('[')) return splitPart(part, ':');
    const loose = atLeast(this.version, '3.6');
    const close = text.indexOf(loose ? ']' : ']:');
    if (close < 0) {
      this.fail({ message: `'${text}' starts with '[' but has no closing ']:'. Write an IPv6 address as [::1]:2888:3888.`, zkMessage: `${text} starts with '[' but has no matching ']:'`, span: part.span });
      return undefined;
    }
    if (loose && close + 2 === text.length) {
      this.fail({ message: `'${text}' has no port after '${text.slice(close)}'. Write an IPv6 address as [::1]:2888:3888.`, zkMessage: `${text} doesn't have a port after colon`, span: part.span });
      return undefined;
    }
    if (loose && close + 1 === text.length) return [{ text: text.replace(/[[\]]/g, ''), span: part.span }];
    const afterClose = part.span.start + close + 1;
    if (text[close + 1] !== ':') {
      this.problems.push({
        message: `ZooKeeper expects ':' right after ']' and skips '${text[close + 1]}' here, reading the ports from what follows. Write ':' after ']'.`,
        span: { start: afterClose, end: afterClose + 1 },
        fatal: false,
      });
    }
    const host: Part = { text: text.slice(1, close), span: { start: part.span.start, end: afterClose } };
    const rest = subPart(part, close + 2, text.length);
    return [host, ...splitPart(rest, ':')];
  }

  /** Integer.parseInt then InetSocketAddress's range check, back to back (3.5+). */
  private readPort(part: Part, label: PortLabel, zkHost: string): number | undefined {
    const port = this.readPortNumber(part, label, zkHost);
    return port !== undefined && this.checkPortRange(port, part, label) ? port : undefined;
  }

  private readPortNumber(part: Part, label: PortLabel, zkHost: string): number | undefined {
    const port = parseJavaInt(part.text);
    if (port !== undefined) return port;
    const noise = diagnoseNoise(part, (text) => parseJavaInt(text) !== undefined);
    this.fail({
      message: unreadableMessage(label, part.text, noise, 'write a port number between 1 and 65535'),
      zkMessage: atLeast(this.version, '3.5')
        ? `Address unresolved: ${zkHost}:${part.text}`
        : `java.lang.NumberFormatException: For input string: "${part.text}"`,
      span: noise?.span ?? part.span,
    });
    return undefined;
  }

  private checkPortRange(port: number, part: Part, label: PortLabel): boolean {
    if (port >= 0 && port <= MAX_PORT) return true;
    this.fail({ message: `The ${label} ${port} is outside 0-${MAX_PORT}: write a port number between 1 and ${MAX_PORT}.`, zkMessage: `port out of range:${port}`, span: part.span });
    return false;
  }

  /** 3.6+ trim and lower-case the type; 3.4/3.5 only lower-case it. 3.4 names the whole value in its message. */
  private readRole(part: Part, zkSubject: string): ServerRole | undefined {
    const isRole = (text: string): boolean => text.toLowerCase() === 'participant' || text.toLowerCase() === 'observer';
    const bounds = atLeast(this.version, '3.6') ? javaTrimBounds(part.text) : { start: 0, end: part.text.length };
    const role = part.text.slice(bounds.start, bounds.end).toLowerCase();
    if (role === 'participant' || role === 'observer') return role;
    const noise = diagnoseNoise(part, isRole);
    this.fail({
      message: unreadableMessage('role', part.text, noise, "write 'participant' or 'observer', or leave the role out"),
      zkMessage: `Unrecognised peertype: ${zkSubject}`,
      span: noise?.span ?? part.span,
    });
    return undefined;
  }

  /** Not refused by ZooKeeper: "" resolves to the loopback address and a name with blanks never resolves. */
  private checkHost(part: Part, label: 'host' | 'client host'): void {
    if (part.text === '') {
      this.problems.push({ message: `The ${label} is empty: ZooKeeper resolves it to the loopback address, so no other machine can reach it. Write a host name or IP address.`, span: part.span, fatal: false });
    } else if (/\s/.test(part.text)) {
      this.problems.push({ message: `The ${label} '${part.text}' contains blanks, which ZooKeeper keeps, so the name will not resolve. Remove them.`, span: part.span, fatal: false });
    }
  }

  /** 3.5.5+ refuse equal quorum and election ports at parse time; older versions fail once this server leads. */
  private checkDistinctPorts(address: ServerAddress): void {
    if (address.electionPort !== address.quorumPort || !address.electionPortSpan) return;
    const refused = atLeast(this.version, '3.5.5');
    const consequence = refused ? 'ZooKeeper refuses to start' : 'this server fails when it becomes leader and binds the quorum port';
    this.problems.push({
      message: `The quorum port and the election port are both ${address.quorumPort}: ${consequence}. Use two different ports, e.g. 2888 and 3888.`,
      ...(refused && this.options.sid !== undefined && {
        zkMessage: `Client and election port must be different! Please update the configuration file on server.${this.options.sid}`,
      }),
      span: address.electionPortSpan,
      fatal: refused,
    });
  }

  private wrongFormat(whole: Part, reason: string): undefined {
    const ending = atLeast(this.version, '3.10') ? WRONG_FORMAT_3_10 : atLeast(this.version, '3.6') ? WRONG_FORMAT_3_6 : WRONG_FORMAT_3_5;
    this.fail({ message: reason, zkMessage: whole.text + ending, span: whole.span });
    return undefined;
  }

  /** A fatal problem that leaves the spec unread. */
  private fail(problem: Omit<ServerLineProblem, 'fatal'>): void {
    this.problems.push({ ...problem, fatal: true });
    this.complete = false;
  }
}

function tooManySectionsReason(maxSections: number): string {
  const allowed = maxSections === 2 ? "one ';' (before the client port)" : "two ';' (before the client and the secure client port)";
  return `A server line takes at most ${allowed}. Write host:quorumPort:electionPort[:role];clientPort.`;
}

function addressShapeReason(address: Part, parts: Part[]): string {
  const expected = 'Write host:quorumPort:electionPort[:role], e.g. zoo1:2888:3888.';
  if (address.text === '') return `The server address is empty. ${expected}`;
  if (parts.length < 3) return `'${address.text}' needs a quorum port and an election port. ${expected}`;
  if (address.text.includes('|')) return "Several addresses joined with '|' need ZooKeeper 3.6 or later. Keep one address.";
  if (address.text.includes('::')) return `Put an IPv6 address in brackets, e.g. [::1]:2888:3888. ${expected}`;
  return `'${address.text}' has too many ':' parts. ${expected}`;
}

function clientShapeReason(section: Part): string {
  if (section.text.includes('|')) return "Addresses joined with '|' go before the ';' client part, e.g. a:2888:3888|b:2889:3889;2181.";
  return `The client part '${section.text}' must be a port or host:port (an IPv6 host in brackets), e.g. ;2181.`;
}

function unreadableMessage(label: string, text: string, noise: Noise | undefined, expected: string): string {
  switch (noise?.kind) {
    case 'blanks':
      return `The ${label} '${text}' has blanks around it, and ZooKeeper does not trim them here. Remove the blanks.`;
    case 'comment':
      return `ZooKeeper has no inline comments: it reads the ${label} as '${text}'. Move the comment to a line of its own.`;
    case 'client-part':
      return `ZooKeeper 3.4 has no ';clientPort' part in server lines: it reads the ${label} as '${text}'. Remove the ';' part and set clientPort instead.`;
    default:
      return text === '' ? `The ${label} is missing: ${expected}.` : `'${text}' is not a valid ${label}: ${expected}.`;
  }
}

/** Narrows a bad part to the blanks, the comment or the 3.5-style client part that spoil an otherwise good value. */
function diagnoseNoise(part: Part, isGood: (text: string) => boolean): Noise | undefined {
  // A bracket-stripped part no longer lines up with its span.
  if (part.span.end - part.span.start !== part.text.length) return undefined;
  const comment = part.text.indexOf('#');
  // The comment's own finding is another rule's: the whole part stays the span, comment included.
  if (comment > 0 && isGood(trimPart(subPart(part, 0, comment)).text)) return { kind: 'comment', span: part.span };
  const semicolon = part.text.indexOf(';');
  if (semicolon > 0 && isGood(part.text.slice(0, semicolon))) {
    return { kind: 'client-part', span: { start: part.span.start + semicolon, end: part.span.end } };
  }
  const core = trimPart(part);
  if (core.text === part.text || !isGood(core.text)) return undefined;
  const leading = core.span.start > part.span.start;
  const trailing = core.span.end < part.span.end;
  if (leading && trailing) return { kind: 'blanks', span: part.span };
  return { kind: 'blanks', span: leading ? { start: part.span.start, end: core.span.start } : { start: core.span.end, end: part.span.end } };
}

function subPart(part: Part, from: number, to: number): Part {
  return { text: part.text.slice(from, to), span: { start: part.span.start + from, end: part.span.start + to } };
}

function trimPart(part: Part): Part {
  const bounds = javaTrimBounds(part.text);
  return subPart(part, bounds.start, bounds.end);
}

function splitPart(part: Part, separator: string): Part[] {
  return javaSplit(part.text, separator).map((piece) => subPart(part, piece.start, piece.start + piece.text.length));
}
