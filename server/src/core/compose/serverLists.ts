import type { Range } from '../text';
import type { ComposeProblem, ComposeProblemKind, ComposeServerEntry } from './model';
import type { SourcedText } from './sourcedText';

export type ProblemSink = (problem: ComposeProblem) => void;

/** A `key=value` (or `key:value`) line of a generated zoo.cfg, as found inside a variable's value. */
export interface ConfigLine {
  readonly line: SourcedText;
  readonly key: SourcedText;
  readonly value: SourcedText;
}

export function problemAt(kind: ComposeProblemKind, message: string, text: SourcedText, from = 0, to = text.length): ComposeProblem {
  return { kind, message, path: text.path, range: text.rangeOf(from, to) };
}

function entry(
  id: number | undefined,
  value: string,
  written: SourcedText,
  idRange: Range | undefined,
  problems: ComposeProblem[],
  report: ProblemSink,
): ComposeServerEntry {
  problems.forEach(report);
  return { id, value, path: written.path, range: written.range, ...(idRange && { idRange }), problems };
}

/** `Long.parseLong` as ZooKeeper applies it to the text after `server.`. */
function parseServerId(text: string): number | undefined {
  return /^[+-]?\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * The official image writes each whitespace-separated word of ZOO_SERVERS and ZOO_CFG_EXTRA as a zoo.cfg line.
 * Splits them into server lines and other lines. A word that is no `key=value` line is a problem, and so is, in
 * ZOO_SERVERS, a line that is not about the quorum (a bitnami-style `zoo1:2888:3888` becomes key `zoo1`).
 */
export function readOfficialLines(
  text: SourcedText,
  variable: 'ZOO_SERVERS' | 'ZOO_CFG_EXTRA',
  report: ProblemSink,
): { servers: ComposeServerEntry[]; others: ConfigLine[] } {
  const servers: ComposeServerEntry[] = [];
  const others: ConfigLine[] = [];
  const misplaced = (line: SourcedText) =>
    report(
      problemAt('invalid-server', `"${line.text}" is not a zoo.cfg server line; ${variable} takes words like server.1=zoo1:2888:3888;2181.`, line),
    );
  for (const { piece: line } of text.matches(/\S+/g)) {
    // java.util.Properties ends a key at the first '=' or ':'.
    const separator = line.text.search(/[=:]/);
    if (separator < 0) {
      misplaced(line);
      continue;
    }
    const key = line.slice(0, separator);
    const value = line.slice(separator + 1);
    if (!key.text.startsWith('server.')) {
      if (variable === 'ZOO_SERVERS' && !/^(group|weight)\./.test(key.text)) misplaced(line);
      else others.push({ line, key, value });
      continue;
    }
    const idText = key.slice('server.'.length);
    const id = parseServerId(idText.text);
    const problems =
      id === undefined ? [problemAt('invalid-server', `"${idText.text}" in ${key.text} is not a server id (a number).`, idText)] : [];
    servers.push(entry(id, value.text, line, idText.range, problems, report));
  }
  return { servers, others };
}

const BITNAMI_ENTRY = /^[^\s]+:\d+:\d+(:observer|:participant)?$/;
const BITNAMI_ENTRY_WITH_ID = /^[^\s]+:\d+:\d+(:observer|:participant)?::\d+$/;

/**
 * Bitnami's ZOO_SERVERS: entries separated by ',', ';' or blanks, read from the first line only (`read -r -a`),
 * positional (`server.1..N`) or all with explicit ids (`host:port:port[:role]::id`). The image appends
 * `;<clientPort>` to every entry itself; a written `;2181` splits off as a bogus entry, which is reported and not
 * numbered, so the other entries keep the ids meant.
 */
export function readBitnamiServers(text: SourcedText, clientPort: string, report: ProblemSink): ComposeServerEntry[] {
  const lineBreak = text.text.indexOf('\n');
  const firstLine = lineBreak < 0 ? text : text.slice(0, lineBreak);
  if (lineBreak >= 0 && text.text.slice(lineBreak).trim() !== '') {
    const ignored = text.slice(lineBreak).trim();
    const message =
      'Bitnami reads only the first line of ZOO_SERVERS; entries on later lines are ignored. Separate entries with commas or spaces.';
    report(problemAt('ignored-env', message, ignored));
  }
  const explicitIds = text.text.includes('::');
  const servers: ComposeServerEntry[] = [];
  for (const { index, piece } of firstLine.matches(/[^;,\s]+/g)) {
    const semicolon = firstLine.text.lastIndexOf(';', index);
    const afterSemicolon = semicolon >= 0 && firstLine.text.slice(semicolon + 1, index).trim() === '';
    if (/^\d+$/.test(piece.text) && afterSemicolon) {
      const message = `Bitnami appends ";${clientPort}" to every server itself; ";${piece.text}" here splits off as an invalid server entry.`;
      report(problemAt('invalid-server', message, firstLine, semicolon, index + piece.length));
      continue;
    }
    const problems: ComposeProblem[] = [];
    if (!(explicitIds ? BITNAMI_ENTRY_WITH_ID : BITNAMI_ENTRY).test(piece.text)) {
      const syntax = explicitIds
        ? 'host:port:port::id. Example: zookeeper:2888:3888::1 zookeeper:2888:3888:observer::1'
        : 'host:port:port. Example: zookeeper:2888:3888 zookeeper:2888:3888:observer';
      problems.push(problemAt('invalid-server', `Zookeeper server ${piece.text} should follow the next syntax: ${syntax}`, piece));
    }
    const idSeparator = piece.text.indexOf('::');
    if (!explicitIds || idSeparator < 0) {
      servers.push(entry(servers.length + 1, `${piece.text};${clientPort}`, piece, undefined, problems, report));
      continue;
    }
    const idText = piece.slice(idSeparator + 2);
    const id = /^\d+$/.test(idText.text) ? Number(idText.text) : undefined;
    servers.push(entry(id, `${piece.text.slice(0, idSeparator)};${clientPort}`, piece, idText.range, problems, report));
  }
  return servers;
}

/**
 * cp-zookeeper's ZOOKEEPER_SERVERS: the template splits on ';' and numbers the parts from 1. An empty part or a
 * bare port (the 3.5 `;2181` suffix) is reported and not numbered, so the other entries keep the ids meant.
 */
export function readConfluentServers(text: SourcedText, report: ProblemSink): ComposeServerEntry[] {
  const servers: ComposeServerEntry[] = [];
  for (const part of text.split(/;/g).map((piece) => piece.trim())) {
    if (part.length === 0) {
      report(problemAt('invalid-server', 'cp-zookeeper writes an empty server line for this empty \';\'-separated entry.', part));
    } else if (/^\d+$/.test(part.text)) {
      const message =
        `cp-zookeeper splits ZOOKEEPER_SERVERS on ';', so "${part.text}" becomes a server line of its own; ` +
        'set the client port with ZOOKEEPER_CLIENT_PORT instead.';
      report(problemAt('invalid-server', message, part));
    } else {
      servers.push(entry(servers.length + 1, part.text, part, undefined, [], report));
    }
  }
  return servers;
}
