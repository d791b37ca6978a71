import { interpolate, Interpolated } from './interpolation';
import { SourcedText, SourcedTextBuilder, TextOrigin } from './sourcedText';

export interface DotenvEntry {
  readonly name: SourcedText;
  /** Undefined for a bare `NAME` line, which passes the variable through from the shell. */
  readonly value?: Interpolated;
}

const ENTRY = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*(=?)[ \t]*/;
const DOUBLE_QUOTE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * Reads an `env_file` the way Compose does: `[export ]NAME=value` lines, `#` comments, unquoted values trimmed
 * and cut at ` #`, single-quoted values literal, double-quoted values with escapes; quoted values may span lines.
 * Unquoted and double-quoted values are interpolated.
 */
export function readDotenv(origin: TextOrigin): DotenvEntry[] {
  const text = origin.lines.text;
  const entries: DotenvEntry[] = [];
  let offset = 0;
  while (offset < text.length) {
    const lineEnd = endOfLine(text, offset);
    const match = ENTRY.exec(text.slice(offset, lineEnd));
    if (!match || text.slice(offset, lineEnd).trimStart().startsWith('#')) {
      offset = nextLine(text, lineEnd);
      continue;
    }
    const name = SourcedText.verbatim(origin, match[1], offset + match[0].indexOf(match[1]));
    const valueStart = offset + match[0].length;
    if (match[2] !== '=') {
      entries.push({ name });
      offset = nextLine(text, lineEnd);
      continue;
    }
    const quote = text[valueStart];
    if (quote === "'" || quote === '"') {
      const { value, end } = readQuoted(origin, valueStart, quote);
      entries.push({ name, value: quote === "'" ? { value, state: 'none', raw: value } : interpolate(value) });
      offset = nextLine(text, endOfLine(text, end));
    } else {
      const written = text.slice(valueStart, lineEnd).replace(/[ \t]+#.*$/, '').trimEnd();
      entries.push({ name, value: interpolate(SourcedText.verbatim(origin, written, valueStart)) });
      offset = nextLine(text, lineEnd);
    }
  }
  return entries;
}

function endOfLine(text: string, from: number): number {
  const match = /\r\n|\r|\n/g;
  match.lastIndex = from;
  return match.exec(text)?.index ?? text.length;
}

function nextLine(text: string, lineEnd: number): number {
  return text.startsWith('\r\n', lineEnd) ? lineEnd + 2 : lineEnd + 1;
}

/** A quoted value from its opening quote; an unclosed quote runs to the end of the file. */
function readQuoted(origin: TextOrigin, start: number, quote: "'" | '"'): { value: SourcedText; end: number } {
  const text = origin.lines.text;
  const builder = new SourcedTextBuilder();
  let i = start + 1;
  while (i < text.length && text[i] !== quote) {
    const escaped = quote === '"' && text[i] === '\\' ? DOUBLE_QUOTE_ESCAPES[text[i + 1]] : undefined;
    if (escaped !== undefined) {
      builder.push(escaped, i, i + 2);
      i += 2;
    } else {
      builder.push(text[i], i, i + 1);
      i++;
    }
  }
  const end = Math.min(i + 1, text.length);
  return { value: builder.build(origin, start, end), end };
}
