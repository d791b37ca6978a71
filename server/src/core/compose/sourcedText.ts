import { LineIndex, Range } from '../text';

/** The file a value was written in, with the index that turns its offsets into ranges. */
export interface TextOrigin {
  readonly path: string;
  readonly lines: LineIndex;
}

/**
 * A decoded string that remembers, for every character, the span of source text it came from. An escape
 * sequence, a doubled quote or a folded line break covers several source characters; indentation removed from a
 * block scalar covers none. Slicing keeps the mapping, so a token inside a value gets its exact range.
 */
export class SourcedText {
  private constructor(
    readonly text: string,
    readonly origin: TextOrigin,
    private readonly starts: readonly number[],
    private readonly ends: readonly number[],
    /** Offsets of the whole written value (quotes and block headers included). */
    readonly start: number,
    readonly end: number,
  ) {}

  /** `starts[i]`/`ends[i]` give the source span of `text[i]`. */
  static mapped(
    origin: TextOrigin,
    text: string,
    starts: readonly number[],
    ends: readonly number[],
    start: number,
    end: number,
  ): SourcedText {
    return new SourcedText(text, origin, starts, ends, start, end);
  }

  /** A value whose characters cannot be located individually: each one maps to the whole written value. */
  static whole(origin: TextOrigin, text: string, start: number, end: number): SourcedText {
    return new SourcedText(text, origin, Array(text.length).fill(start), Array(text.length).fill(end), start, end);
  }

  /** Text copied verbatim from the source starting at `start`. */
  static verbatim(origin: TextOrigin, text: string, start: number): SourcedText {
    const starts = Array.from(text, (_, i) => start + i);
    return new SourcedText(text, origin, starts, starts.map((offset) => offset + 1), start, start + text.length);
  }

  get path(): string {
    return this.origin.path;
  }

  get length(): number {
    return this.text.length;
  }

  /** Where the whole value is written. */
  get range(): Range {
    return this.origin.lines.rangeOf(this.start, this.end);
  }

  /** Source span of the characters `from`..`to` (exclusive); an empty slice is a point where it would start. */
  spanOf(from: number, to: number): readonly [number, number] {
    if (to <= from) {
      const at = from < this.starts.length ? this.starts[from] : this.ends.length > 0 ? this.ends[this.ends.length - 1] : this.end;
      return [at, at];
    }
    return [this.starts[from], this.ends[to - 1]];
  }

  rangeOf(from: number, to: number): Range {
    const [start, end] = this.spanOf(from, to);
    return this.origin.lines.rangeOf(start, end);
  }

  slice(from: number, to: number = this.text.length): SourcedText {
    const [start, end] = this.spanOf(from, to);
    return new SourcedText(
      this.text.slice(from, to),
      this.origin,
      this.starts.slice(from, to),
      this.ends.slice(from, to),
      start,
      end,
    );
  }

  trim(): SourcedText {
    const leading = this.text.length - this.text.trimStart().length;
    const trailing = this.text.length - this.text.trimEnd().length;
    return leading === 0 && trailing === 0 ? this : this.slice(leading, Math.max(leading, this.text.length - trailing));
  }

  /** The runs of characters between separators (a global regular expression matching separator runs). */
  split(separators: RegExp): SourcedText[] {
    const pieces: SourcedText[] = [];
    let pieceStart = 0;
    for (const match of this.text.matchAll(separators)) {
      const index = match.index ?? 0;
      pieces.push(this.slice(pieceStart, index));
      pieceStart = index + match[0].length;
    }
    pieces.push(this.slice(pieceStart));
    return pieces;
  }

  /** Every match of `pattern` (a global regular expression), with the index where it starts in `text`. */
  matches(pattern: RegExp): { readonly index: number; readonly piece: SourcedText }[] {
    return Array.from(this.text.matchAll(pattern), (match) => {
      const index = match.index ?? 0;
      return { index, piece: this.slice(index, index + match[0].length) };
    });
  }
}

/** Collects characters with their source spans, to build a SourcedText piece by piece. */
export class SourcedTextBuilder {
  private text = '';
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  get length(): number {
    return this.text.length;
  }

  /** Appends characters that all come from the source span `start`..`end`. */
  push(characters: string, start: number, end: number): void {
    this.text += characters;
    for (let i = 0; i < characters.length; i++) {
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  append(piece: SourcedText): void {
    for (let i = 0; i < piece.length; i++) {
      const [start, end] = piece.spanOf(i, i + 1);
      this.push(piece.text[i], start, end);
    }
  }

  /** Drops trailing spaces and tabs, but none of the first `keep` characters. */
  trimTrailingBlanks(keep: number): void {
    let length = this.text.length;
    while (length > keep && (this.text[length - 1] === ' ' || this.text[length - 1] === '\t')) length--;
    this.truncate(length);
  }

  private truncate(length: number): void {
    this.text = this.text.slice(0, length);
    this.starts.length = length;
    this.ends.length = length;
  }

  build(origin: TextOrigin, start: number, end: number): SourcedText {
    return SourcedText.mapped(origin, this.text, this.starts, this.ends, start, end);
  }
}
