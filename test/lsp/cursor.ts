import { LineIndex, type Position, type Range } from '../../server/src/core/text';

/** The cursor marker in test texts. */
export const CURSOR = '¦';

/** Splits a text holding one CURSOR into the text without it and the cursor's position. */
export function atCursor(marked: string): { text: string; position: Position } {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0 || marked.indexOf(CURSOR, offset + 1) >= 0) throw new Error(`expected exactly one ${CURSOR} in ${JSON.stringify(marked)}`);
  const text = marked.slice(0, offset) + marked.slice(offset + CURSOR.length);
  return { text, position: new LineIndex(text).positionAt(offset) };
}

/** The range of the first occurrence of `needle` in `text`. */
export function rangeOfText(text: string, needle: string): Range {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${JSON.stringify(needle)} is not in ${JSON.stringify(text)}`);
  return new LineIndex(text).rangeOf(offset, offset + needle.length);
}
