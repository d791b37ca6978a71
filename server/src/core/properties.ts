import { LineIndex, Range } from './text';

/**
 * A reader with java.util.Properties.load semantics, as ZooKeeper reads zoo.cfg (rule book §0.1):
 * natural lines end at \n, \r\n or \r; blank lines and lines whose first non-blank character is '#' or '!'
 * are skipped; a line ending in an odd number of backslashes continues on the next line (whose leading
 * blanks are dropped); the key ends at the first unescaped '=', ':' or blank; the value is the rest, with
 * leading blanks dropped and trailing blanks kept; escapes \t \n \r \f \uXXXX and \c -> c.
 */

export interface PropertyEntry {
  /** The key as Properties delivers it (escapes resolved, not trimmed further). */
  readonly key: string;
  /** The value as Properties delivers it: leading blanks dropped, trailing blanks kept. */
  readonly value: string;
  readonly keyRange: Range;
  /** Where the value's characters stand; empty (at the end of the line) when the value is empty. */
  readonly valueRange: Range;
  /** The whole logical line, from the key's first character to the end of its last natural line. */
  readonly range: Range;
  /** Position of this entry among all entries of the file. */
  readonly index: number;
  /** Range of value characters [start, end), through escapes and continuation lines. */
  valueSubrange(start: number, end: number): Range;
}

export type PropertiesProblemKind = 'malformed-unicode-escape' | 'binary' | 'byte-order-mark';

export interface PropertiesProblem {
  readonly kind: PropertiesProblemKind;
  readonly message: string;
  readonly range: Range;
}

export interface PropertiesDocument {
  readonly lines: LineIndex;
  readonly entries: readonly PropertyEntry[];
  /** The entry java.util.Properties keeps for each key: the last one. */
  readonly effective: ReadonlyMap<string, PropertyEntry>;
  readonly problems: readonly PropertiesProblem[];
}

const BLANK = new Set([' ', '\t', '\f']);

/** Characters of a logical line with the document offset each one came from. */
class LogicalLineBuilder {
  readonly chars: string[] = [];
  readonly offsets: number[] = [];
  push(ch: string, offset: number): void {
    this.chars.push(ch);
    this.offsets.push(offset);
  }
}

class Entry implements PropertyEntry {
  constructor(
    private readonly lines: LineIndex,
    readonly key: string,
    readonly value: string,
    readonly keyRange: Range,
    readonly valueRange: Range,
    readonly range: Range,
    readonly index: number,
    /** Source span of each value character; absent when the value is written plainly on one line. */
    private readonly valueSpans: ValueSpans | undefined,
    private readonly valueStartOffset: number,
  ) {}

  valueSubrange(start: number, end: number): Range {
    const s = Math.max(0, Math.min(start, this.value.length));
    const e = Math.max(s, Math.min(end, this.value.length));
    if (!this.valueSpans) return this.lines.rangeOf(this.valueStartOffset + s, this.valueStartOffset + e);
    const { starts, ends } = this.valueSpans;
    const startOffset = s < starts.length ? starts[s] : ends[ends.length - 1];
    const endOffset = e > s ? ends[e - 1] : startOffset;
    return this.lines.rangeOf(startOffset, endOffset);
  }
}

interface ValueSpans {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

export function readProperties(text: string): PropertiesDocument {
  const lines = new LineIndex(text);
  const entries: Entry[] = [];
  const problems: PropertiesProblem[] = [];
  const length = text.length;

  if (text.charCodeAt(0) === 0xfeff) {
    problems.push({
      kind: 'byte-order-mark',
      message:
        'The file starts with a byte order mark. ZooKeeper reads zoo.cfg as ISO-8859-1, so the mark becomes part of the first key and that key is ignored. Save the file as UTF-8 without BOM.',
      range: lines.rangeOf(0, 1),
    });
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    problems.push({
      kind: 'binary',
      message: 'This file contains NUL bytes: it looks binary, not like a zoo.cfg. Nothing in it can be read as configuration.',
      range: lines.rangeOf(nul, nul + 1),
    });
    return { lines, entries, effective: new Map(), problems };
  }

  let pos = 0;
  const isLineEnd = (i: number) => text[i] === '\n' || text[i] === '\r';
  const skipLineEnd = (i: number) => (text[i] === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1);

  while (pos < length) {
    // Skip leading blanks of a natural line.
    while (pos < length && BLANK.has(text[pos])) pos++;
    if (pos >= length) break;
    if (isLineEnd(pos)) {
      pos = skipLineEnd(pos);
      continue;
    }
    if (text[pos] === '#' || text[pos] === '!') {
      while (pos < length && !isLineEnd(pos)) pos++;
      continue;
    }

    // Gather one logical line, resolving continuations; remember source offsets of raw characters.
    const lineStart = pos;
    const raw = new LogicalLineBuilder();
    let lineEnd = pos;
    for (;;) {
      const natStart = pos;
      while (pos < length && !isLineEnd(pos)) pos++;
      const natEnd = pos;
      let backslashes = 0;
      for (let i = natEnd - 1; i >= natStart && text[i] === '\\'; i--) backslashes++;
      const continues = backslashes % 2 === 1;
      const contentEnd = continues ? natEnd - 1 : natEnd;
      for (let i = natStart; i < contentEnd; i++) raw.push(text[i], i);
      lineEnd = contentEnd;
      if (!continues) break;
      if (pos < length) pos = skipLineEnd(pos);
      while (pos < length && BLANK.has(text[pos])) pos++;
      if (pos >= length) break;
    }
    if (pos < length) pos = skipLineEnd(pos);

    const entry = parseLogicalLine(raw, lines, lineStart, lineEnd, entries.length, problems);
    entries.push(entry);
  }

  const effective = new Map<string, PropertyEntry>();
  for (const e of entries) effective.set(e.key, e);
  return { lines, entries, effective, problems };
}

function parseLogicalLine(
  raw: LogicalLineBuilder,
  lines: LineIndex,
  lineStart: number,
  lineEnd: number,
  index: number,
  problems: PropertiesProblem[],
): Entry {
  const { chars, offsets } = raw;
  const n = chars.length;
  // Find where the key ends (first unescaped '=', ':' or blank) and where the value begins, as Properties.load0 does.
  let keyEnd = 0;
  let valueStart = n;
  let precedingBackslash = false;
  let hasSeparator = false;
  while (keyEnd < n) {
    const c = chars[keyEnd];
    if ((c === '=' || c === ':') && !precedingBackslash) {
      valueStart = keyEnd + 1;
      hasSeparator = true;
      break;
    } else if (BLANK.has(c) && !precedingBackslash) {
      valueStart = keyEnd + 1;
      break;
    }
    precedingBackslash = c === '\\' ? !precedingBackslash : false;
    keyEnd++;
  }
  while (valueStart < n) {
    const c = chars[valueStart];
    if (!BLANK.has(c)) {
      if (!hasSeparator && (c === '=' || c === ':')) hasSeparator = true;
      else break;
    }
    valueStart++;
  }

  const key = unescape(chars, offsets, 0, keyEnd, lines, problems);
  const value = unescape(chars, offsets, valueStart, n, lines, problems);
  // A logical line can be empty: a lone backslash continuing into nothing (Properties reads key "" there).
  const first = n > 0 ? offsets[0] : lineStart;
  const keyRange = lines.rangeOf(first, keyEnd > 0 ? offsets[keyEnd - 1] + 1 : first);
  const valueStartOffset = valueStart < n ? offsets[valueStart] : lineEnd;
  const valueEndOffset = valueStart < n ? offsets[n - 1] + 1 : lineEnd;
  const plain = value.text.length === valueEndOffset - valueStartOffset;
  return new Entry(
    lines,
    key.text,
    value.text,
    keyRange,
    lines.rangeOf(valueStartOffset, valueEndOffset),
    lines.rangeOf(lineStart, lineEnd),
    index,
    plain ? undefined : { starts: Int32Array.from(value.starts), ends: Int32Array.from(value.ends) },
    valueStartOffset,
  );
}

/** Resolves Properties escapes in chars[start, end); returns the text and each character's source span. */
function unescape(
  chars: string[],
  offsets: number[],
  start: number,
  end: number,
  lines: LineIndex,
  problems: PropertiesProblem[],
): { text: string; starts: number[]; ends: number[] } {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let i = start;
  while (i < end) {
    const c = chars[i];
    if (c !== '\\' || i + 1 >= end) {
      text += c;
      starts.push(offsets[i]);
      ends.push(offsets[i] + 1);
      i++;
      continue;
    }
    const next = chars[i + 1];
    if (next === 'u') {
      const hex = chars.slice(i + 2, i + 6).join('');
      const last = Math.min(i + 5, end - 1);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) {
        text += String.fromCharCode(parseInt(hex, 16));
        starts.push(offsets[i]);
        ends.push(offsets[last] + 1);
        i += 6;
      } else {
        problems.push({
          kind: 'malformed-unicode-escape',
          message: `Malformed \\uxxxx encoding: '\\u${hex}' needs four hex digits. ZooKeeper refuses to load this file; write the character itself or escape the backslash as \\\\.`,
          range: lines.rangeOf(offsets[i], offsets[last] + 1),
        });
        i += 2;
      }
      continue;
    }
    text += next === 't' ? '\t' : next === 'n' ? '\n' : next === 'r' ? '\r' : next === 'f' ? '\f' : next;
    starts.push(offsets[i]);
    ends.push(offsets[i + 1] + 1);
    i += 2;
  }
  return { text, starts, ends };
}
