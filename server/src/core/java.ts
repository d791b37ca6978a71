/**
 * The java.lang behaviours ZooKeeper's config readers rely on, reproduced exactly, because their quirks decide
 * whether a value is accepted: Integer.parseInt / Long.parseLong (rule book §0.4), String.trim and String.split.
 */

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Integer.parseInt(text); undefined where Java throws NumberFormatException. */
export function parseJavaInt(text: string): number | undefined {
  return parseJavaInteger(text, INT_MIN, INT_MAX);
}

/** Long.parseLong(text); undefined where Java throws. Values beyond 2^53 lose precision as a JS number. */
export function parseJavaLong(text: string): number | undefined {
  return parseJavaInteger(text, LONG_MIN, LONG_MAX);
}

/** An optional '+' or '-', then decimal digits; like Character.digit, any BMP Unicode decimal digit counts. */
function parseJavaInteger(text: string, min: bigint, max: bigint): number | undefined {
  const signed = text.startsWith('+') || text.startsWith('-');
  if (text.length === (signed ? 1 : 0)) return undefined;
  const ascii = asciiMagnitude(text, signed ? 1 : 0);
  if (ascii !== undefined) {
    // '-0' is 0: Java has no negative integer zero.
    const value = text.startsWith('-') && ascii !== 0 ? -ascii : ascii;
    return value >= Number(min) && value <= Number(max) ? value : undefined;
  }
  let magnitude = 0n;
  for (let index = signed ? 1 : 0; index < text.length; index++) {
    const digit = decimalDigit(text.charCodeAt(index));
    if (digit === undefined) return undefined;
    magnitude = magnitude * 10n + BigInt(digit);
  }
  const value = text.startsWith('-') ? -magnitude : magnitude;
  return value >= min && value <= max ? Number(value) : undefined;
}

/**
 * The value of text[start..] when it is 1-15 ASCII digits, exact as a double (below 2^53); else undefined, for the
 * BigInt path. Ports and counts are such text, and BigInt arithmetic allocates per digit.
 */
function asciiMagnitude(text: string, start: number): number | undefined {
  if (text.length - start > 15) return undefined;
  let magnitude = 0;
  for (let index = start; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x30 || code > 0x39) return undefined;
    magnitude = magnitude * 10 + (code - 0x30);
  }
  return magnitude;
}

const UNICODE_DIGIT = /^\p{Nd}$/u;

/** Unicode lays decimal digits out in runs that start at zero, so a digit's value is its distance from the run start. */
function decimalDigit(code: number): number | undefined {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  // A lone surrogate half is no digit for Character.digit(char), and neither is anything outside Nd.
  if (code >= 0xd800 && code <= 0xdfff) return undefined;
  if (!UNICODE_DIGIT.test(String.fromCharCode(code))) return undefined;
  let runStart = code;
  while (UNICODE_DIGIT.test(String.fromCharCode(runStart - 1))) runStart--;
  return (code - runStart) % 10;
}

/** What String.trim keeps: it drops every char up to U+0020 at both ends (control chars too, not other spaces). */
export function javaTrimBounds(text: string): { readonly start: number; readonly end: number } {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return { start, end };
}

export interface TextPiece {
  readonly text: string;
  /** Offset of the piece in the split text. */
  readonly start: number;
}

/**
 * String.split with a literal separator: trailing empty pieces are dropped (so ":" gives none),
 * but a text without the separator comes back whole, even when empty.
 */
export function javaSplit(text: string, separator: string): TextPiece[] {
  const texts = text.split(separator);
  const pieces: TextPiece[] = [];
  let start = 0;
  for (const piece of texts) {
    pieces.push({ text: piece, start });
    start += piece.length + separator.length;
  }
  if (pieces.length === 1) return pieces;
  while (pieces.length > 0 && pieces[pieces.length - 1].text === '') pieces.pop();
  return pieces;
}
