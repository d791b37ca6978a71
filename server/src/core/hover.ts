import { KeyInfo, lookupKey, suggestKey } from './keys';
import type { PropertiesDocument, PropertyEntry } from './properties';
import { comparePositions, Position, Range, rangeContains } from './text';
import { atLeast, formatVersion, ZkVersion } from './version';

/**
 * Hover texts for zoo.cfg and zoo.cfg.dynamic: what a key means to the configured ZooKeeper version, and the
 * server.N grammar with the part under the cursor named. Pure: the language server turns the result into LSP.
 */

export interface HoverResult {
  /** Markdown. */
  readonly markdown: string;
  /** What the hover is about: the key, or the server.N value part under the cursor. */
  readonly range: Range;
}

export function hoverAt(properties: PropertiesDocument, position: Position, version: ZkVersion): HoverResult | undefined {
  const entry = properties.entries.find((e) => rangeContains(e.range, position));
  if (!entry) return undefined;
  const key = entry.key.trim();
  if (rangeContains(entry.keyRange, position)) return { markdown: describeWrittenKey(key, version), range: entry.keyRange };
  if (key.startsWith('server.') && rangeContains(entry.valueRange, position)) return serverValueHover(entry, position, version);
  return undefined;
}

/** Markdown documentation of a key from the key table, as hover and completion show it. */
export function describeKey(info: KeyInfo, version: ZkVersion): string {
  const facts = [
    info.defaultValue !== undefined ? `Default: \`${info.defaultValue}\`` : undefined,
    info.values ? `Values: ${info.values.map((v) => `\`${v}\``).join(', ')}` : undefined,
    info.min !== undefined || info.max !== undefined ? `Range: ${info.min ?? '…'} to ${info.max ?? '…'}` : undefined,
    info.booleanStyle ? `Accepts: ${describeBooleanStyle(info, version)}` : undefined,
    `ZooKeeper ${info.since}${info.until ? ` to ${info.until}` : ' and later'}`,
    info.source === 'quorum-config' ? 'Read by QuorumPeerConfig' : `Read as the system property \`zookeeper.${info.key}\``,
  ];
  return [
    `**${info.key}** (${info.type})`,
    info.summary,
    facts.filter((fact): fact is string => fact !== undefined).map((fact) => `- ${fact}`).join('\n'),
    `Rule book ${info.reference}`,
  ].join('\n\n');
}

function describeBooleanStyle(info: KeyInfo, version: ZkVersion): string {
  switch (info.booleanStyle) {
    case 'yes-no':
      return '`yes` or `no`';
    case 'strict':
      return '`true` or `false` (any case); anything else stops the server';
    case 'java':
      return '`true`; any other value silently means `false`';
    default:
      return atLeast(version, '3.7')
        ? '`true` or `false` (any case); anything else stops the server (3.7+)'
        : '`true`; any other value silently means `false` (before 3.7)';
  }
}

/** Hover for a key as written: table entry, or why ZooKeeper ignores it. */
function describeWrittenKey(key: string, version: ZkVersion): string {
  const found = lookupKey(key, version);
  const v = formatVersion(version);
  switch (found.kind) {
    case 'known': {
      const docs = describeKey(found.info, version);
      return key.startsWith('server.') ? `${docs}\n\n${serverGrammar(version)}` : docs;
    }
    case 'not-in-version': {
      const { since, until } = found.info;
      const when = until ? `it exists only up to ${until}` : `it exists only since ${since}`;
      return `⚠ ZooKeeper ${v} does not read \`${key}\` (${when}): the line is ignored.\n\n${describeKey(found.info, version)}`;
    }
    case 'ineffective': {
      const { reason, replacement, reference } = found.ineffective;
      const instead = replacement ? ` Write \`${replacement}\` instead.` : '';
      return `⚠ \`${key}\` has no effect in zoo.cfg: ${reason}${instead}\n\nRule book ${reference}`;
    }
    case 'prefixed':
      return `⚠ ZooKeeper adds the \`zookeeper.\` prefix itself, so \`${key}\` sets \`zookeeper.${key}\`, which nothing reads. Write \`${found.withoutPrefix}\`.\n\nRule book §0.3`;
    case 'unknown': {
      if (key.startsWith('server.')) {
        return `⚠ \`${key}\`: the id after \`server.\` must be a number; ZooKeeper stops with 'Error processing' on this line.\n\n${serverGrammar(version)}`;
      }
      const suggestion = suggestKey(key, version);
      const hint = suggestion ? ` Did you mean \`${suggestion}\`?` : '';
      return `⚠ Unknown key \`${key}\`: ZooKeeper ${v} does not read it and silently ignores it.${hint}\n\nRule book §0.3`;
    }
  }
}

/** The server.N value grammar of a version, as markdown. */
export function serverGrammar(version: ZkVersion): string {
  const v = formatVersion(version);
  if (!atLeast(version, '3.5')) {
    return `ZooKeeper ${v}: \`server.N=host:quorumPort[:electionPort[:participant|observer]]\`. There is no \`;clientPort\` part before 3.5: set \`clientPort\` instead.\n\nRule book §2.2`;
  }
  const address = 'host:quorumPort:electionPort[:participant|observer]';
  const addresses = atLeast(version, '3.6') ? `${address}[|${address}…]` : address;
  const client = '[;[clientHost:]clientPort]';
  const secure = atLeast(version, '3.10') ? '[;[secureClientHost:]secureClientPort]' : '';
  const multiAddress = atLeast(version, '3.6') ? ' Several `|`-separated addresses also need `-Dzookeeper.multiAddress.enabled=true` on the JVM.' : '';
  return `ZooKeeper ${v}: \`server.N=${addresses}${client}${secure}\`.${multiAddress}\n\nRule book §2.2`;
}

interface ValuePart {
  readonly name: string;
  readonly meaning: string;
  readonly start: number;
  readonly end: number;
}

function serverValueHover(entry: PropertyEntry, position: Position, version: ZkVersion): HoverResult {
  const index = valueIndexAt(entry, position);
  const part = index === undefined ? undefined : serverValueParts(entry.value, version).find((p) => p.start <= index && index <= p.end);
  const grammar = serverGrammar(version);
  if (!part) return { markdown: grammar, range: entry.valueRange };
  return { markdown: `**${part.name}** of \`${entry.key.trim()}\`: ${part.meaning}\n\n${grammar}`, range: entry.valueSubrange(part.start, part.end) };
}

/** Index of the value character under `position` (value.length just after the last one). */
function valueIndexAt(entry: PropertyEntry, position: Position): number | undefined {
  for (let i = 0; i < entry.value.length; i++) {
    const r = entry.valueSubrange(i, i + 1);
    if (comparePositions(r.start, position) <= 0 && comparePositions(position, r.end) < 0) return i;
  }
  return comparePositions(position, entry.valueRange.end) === 0 ? entry.value.length : undefined;
}

/**
 * Names the parts of a server.N value for hover. Lenient on purpose: it labels what is written even when it
 * is malformed (the server-syntax rule reports what is wrong).
 */
function serverValueParts(value: string, version: ZkVersion): ValuePart[] {
  const parts: ValuePart[] = [];
  let sectionStart = 0;
  value.split(';').forEach((section, sectionIndex) => {
    if (sectionIndex === 0) {
      let addressStart = sectionStart;
      for (const address of section.split('|')) {
        parts.push(...fieldsOf(address, addressStart, SERVER_FIELDS));
        addressStart += address.length + 1;
      }
    } else {
      const fields = sectionIndex === 1 && atLeast(version, '3.5') ? CLIENT_FIELDS : sectionIndex === 2 && atLeast(version, '3.10') ? SECURE_CLIENT_FIELDS : undefined;
      if (fields) {
        const hostAndPort = hostEnd(section) < section.length;
        parts.push(...fieldsOf(section, sectionStart, hostAndPort ? fields : fields.slice(1)));
      } else {
        const extra = `ZooKeeper ${formatVersion(version)} does not accept this \`;\` part: it stops with a 'does not have the form' error.`;
        parts.push({ name: 'extra part', meaning: extra, start: sectionStart, end: sectionStart + section.length });
      }
    }
    sectionStart += section.length + 1;
  });
  return parts;
}

type FieldNames = readonly (readonly [name: string, meaning: string])[];

const SERVER_FIELDS: FieldNames = [
  ['host', 'the name or address (IPv6 in brackets) other servers use to reach this one.'],
  ['quorum port', 'followers connect to the leader here; it is bound only while this server leads.'],
  ['election port', 'leader election connections; bound at startup, must differ from the quorum port.'],
  ['role', '`participant` (votes, the default) or `observer` (follows without voting).'],
];
const CLIENT_FIELDS: FieldNames = [
  ['client host', 'the address the client port binds to (all interfaces when omitted).'],
  ['client port', 'where clients connect to this server.'],
];
const SECURE_CLIENT_FIELDS: FieldNames = [
  ['secure client host', 'the address the TLS client port binds to.'],
  ['secure client port', 'where TLS clients connect to this server.'],
];

/** Splits `text` at ':' (the first one after a bracketed IPv6 host) and names the fields in order. */
function fieldsOf(text: string, offset: number, names: FieldNames): ValuePart[] {
  const parts: ValuePart[] = [];
  let start = 0;
  let end = hostEnd(text);
  for (let i = 0; start <= text.length; i++) {
    const [name, meaning] = names[i] ?? ['extra field', 'not part of the grammar: ZooKeeper stops with a format error.'];
    parts.push({ name, meaning, start: offset + start, end: offset + end });
    start = end + 1;
    const next = text.indexOf(':', start);
    end = next < 0 ? text.length : next;
  }
  return parts;
}

/** Where the first field ends: after a bracketed IPv6 literal, or at the first ':'. */
function hostEnd(text: string): number {
  const from = text.startsWith('[') && text.includes(']') ? text.indexOf(']') : 0;
  const colon = text.indexOf(':', from);
  return colon < 0 ? text.length : colon;
}
