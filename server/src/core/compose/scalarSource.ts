import { SourcedText, SourcedTextBuilder, TextOrigin } from './sourcedText';

/** The YAML scalar styles, as the `yaml` package names them. */
export type ScalarStyle = 'PLAIN' | 'QUOTE_SINGLE' | 'QUOTE_DOUBLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

export interface WrittenScalar {
  readonly style: ScalarStyle;
  /** The decoded string the YAML parser produced. */
  readonly value: string;
  /** Offsets of the scalar in the origin's text: from its first character (or block header) to its end. */
  readonly start: number;
  readonly end: number;
  /** Indentation of the enclosing collection, needed to apply a block scalar's explicit indentation indicator. */
  readonly parentIndent: number;
}

/**
 * Decodes a scalar again from its source, this time recording where each character came from. The YAML parser
 * stays the authority on the value: when this decoding disagrees with it (an exotic construct), every character is
 * mapped to the whole scalar instead of risking a wrong range.
 */
export function locateScalar(origin: TextOrigin, scalar: WrittenScalar): SourcedText {
  const decoded = decode(origin, scalar);
  if (decoded && decoded.text === scalar.value) return decoded;
  return SourcedText.whole(origin, scalar.value, scalar.start, scalar.end);
}

function decode(origin: TextOrigin, scalar: WrittenScalar): SourcedText | undefined {
  const source = origin.lines.text;
  switch (scalar.style) {
    case 'PLAIN':
      return decodeFlow(origin, source, scalar.start, scalar.end, '');
    case 'QUOTE_SINGLE':
      return decodeFlow(origin, source, scalar.start, scalar.end, "'");
    case 'QUOTE_DOUBLE':
      return decodeFlow(origin, source, scalar.start, scalar.end, '"');
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      return decodeBlock(origin, scalar);
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};

const HEX_ESCAPE_LENGTHS: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

function isLineBreak(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/** Skips line breaks and the blanks around them from `from`; returns where content resumes and how many breaks. */
function skipLineBreaks(source: string, from: number, stop: number): { next: number; breaks: number } {
  let next = from;
  let breaks = 0;
  while (next < stop) {
    if (source[next] === '\r' && source[next + 1] === '\n') {
      next += 2;
      breaks++;
    } else if (isLineBreak(source[next])) {
      next++;
      breaks++;
    } else if (isBlank(source[next])) {
      next++;
    } else {
      break;
    }
  }
  return { next, breaks };
}

/** Plain and quoted scalars: line folding, plus `''` in single quotes and escapes in double quotes. */
function decodeFlow(
  origin: TextOrigin,
  source: string,
  start: number,
  end: number,
  quote: '' | "'" | '"',
): SourcedText | undefined {
  const builder = new SourcedTextBuilder();
  const stop = quote ? end - 1 : end;
  // Blanks before a folded line break are dropped, except those produced by escapes.
  let keep = 0;
  let i = quote ? start + 1 : start;
  while (i < stop) {
    const c = source[i];
    if (isLineBreak(c)) {
      builder.trimTrailingBlanks(keep);
      const { next, breaks } = skipLineBreaks(source, i, stop);
      builder.push(breaks === 1 ? ' ' : '\n'.repeat(breaks - 1), i, next);
      keep = builder.length;
      i = next;
    } else if (quote === "'" && c === "'" && source[i + 1] === "'") {
      builder.push("'", i, i + 2);
      keep = builder.length;
      i += 2;
    } else if (quote === '"' && c === '\\') {
      const escaped = source[i + 1];
      if (isLineBreak(escaped)) {
        // An escaped line break joins the lines without a space; further empty lines still count.
        const { next, breaks } = skipLineBreaks(source, i + 1, stop);
        builder.push('\n'.repeat(breaks - 1), i, next);
        keep = builder.length;
        i = next;
        continue;
      }
      const hexLength = HEX_ESCAPE_LENGTHS[escaped];
      if (hexLength !== undefined) {
        const hex = source.slice(i + 2, i + 2 + hexLength);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== hexLength) return undefined;
        builder.push(String.fromCodePoint(parseInt(hex, 16)), i, i + 2 + hexLength);
        i += 2 + hexLength;
      } else {
        const character = SIMPLE_ESCAPES[escaped];
        if (character === undefined) return undefined;
        builder.push(character, i, i + 2);
        i += 2;
      }
      keep = builder.length;
    } else {
      builder.push(c, i, i + 1);
      i++;
    }
  }
  return builder.build(origin, start, end);
}

interface SourceLine {
  readonly start: number;
  /** Offset of the line break ending the line (or of the scalar's end). */
  readonly end: number;
  /** Offset just past the line break. */
  readonly next: number;
}

function splitLines(source: string, from: number, to: number): SourceLine[] {
  const lines: SourceLine[] = [];
  let lineStart = from;
  for (let i = from; i < to; i++) {
    if (!isLineBreak(source[i])) continue;
    const next = source[i] === '\r' && source[i + 1] === '\n' ? i + 2 : i + 1;
    lines.push({ start: lineStart, end: i, next });
    lineStart = next;
    i = next - 1;
  }
  if (lineStart < to) lines.push({ start: lineStart, end: to, next: to });
  return lines;
}

/**
 * Literal (`|`) and folded (`>`) block scalars. Trailing line breaks are left to the parser's chomping: only the
 * content up to the last non-empty line is decoded, and the breaks after it map to the end of the scalar.
 */
function decodeBlock(origin: TextOrigin, scalar: WrittenScalar): SourcedText | undefined {
  const source = origin.lines.text;
  const header = /^[|>]([1-9]?)[+-]?([1-9]?)[^\r\n]*(\r\n|\r|\n)?/.exec(source.slice(scalar.start, scalar.end));
  if (!header) return undefined;
  const indicator = header[1] || header[2];
  const lines = splitLines(source, scalar.start + header[0].length, scalar.end);
  const leadingSpaces = (line: SourceLine) => {
    let count = 0;
    while (line.start + count < line.end && source[line.start + count] === ' ') count++;
    return count;
  };
  const isBlankLine = (line: SourceLine) => source.slice(line.start, line.end).trim() === '';
  const firstContent = lines.find((line) => !isBlankLine(line));
  const indent = indicator ? scalar.parentIndent + Number(indicator) : firstContent ? leadingSpaces(firstContent) : 0;

  const builder = new SourcedTextBuilder();
  const folded = source[scalar.start] === '>';
  let previous: { line: SourceLine; moreIndented: boolean } | undefined;
  let emptyLines: SourceLine[] = [];
  for (const line of lines) {
    if (isBlankLine(line) && leadingSpaces(line) <= indent) {
      emptyLines.push(line);
      continue;
    }
    const contentStart = line.start + Math.min(indent, leadingSpaces(line));
    const moreIndented = isBlank(source[contentStart]);
    // Line breaks before this line: the one ending the previous content line, then one per empty line.
    const breaks = previous ? [previous.line, ...emptyLines] : emptyLines;
    if (folded && previous && !previous.moreIndented && !moreIndented) {
      if (breaks.length === 1) builder.push(' ', previous.line.end, previous.line.next);
      else for (const broken of breaks.slice(1)) builder.push('\n', broken.end, broken.next);
    } else {
      for (const broken of breaks) builder.push('\n', broken.end, broken.next);
    }
    emptyLines = [];
    for (let offset = contentStart; offset < line.end; offset++) builder.push(source[offset], offset, offset + 1);
    previous = { line, moreIndented };
  }
  builder.push(scalar.value.slice(scalar.value.replace(/\n+$/, '').length), scalar.end, scalar.end);
  return builder.build(origin, scalar.start, scalar.end);
}
