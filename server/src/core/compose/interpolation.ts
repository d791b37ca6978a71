import { SourcedText, SourcedTextBuilder } from './sourcedText';

/**
 * How a value's `${VAR}` references were resolved. The core sees no shell environment, so a reference resolves
 * only through its own default (`${VAR:-default}`, `${VAR-default}`); anything else stays as written.
 */
export type InterpolationState = 'none' | 'default' | 'unresolved';

export interface Interpolated {
  readonly value: SourcedText;
  readonly state: InterpolationState;
  /** The text before interpolation. */
  readonly raw: SourcedText;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Applies Compose interpolation: `$$` is a literal `$`; `${VAR:-default}` and `${VAR-default}` become their
 * (recursively interpolated) default; `$VAR`, `${VAR}`, `${VAR:?err}`, `${VAR:+alt}` and malformed references are
 * kept verbatim and mark the value unresolved. Substituted characters keep their source spans.
 */
export function interpolate(raw: SourcedText): Interpolated {
  if (!raw.text.includes('$')) return { value: raw, state: 'none', raw };
  const builder = new SourcedTextBuilder();
  let state: InterpolationState = 'none';
  const keepVerbatim = (from: number, to: number) => {
    builder.append(raw.slice(from, to));
    state = 'unresolved';
  };
  let i = 0;
  while (i < raw.length) {
    const c = raw.text[i];
    if (c !== '$') {
      builder.append(raw.slice(i, i + 1));
      i++;
      continue;
    }
    const next = raw.text[i + 1];
    if (next === '$') {
      const [start, end] = raw.spanOf(i, i + 2);
      builder.push('$', start, end);
      i += 2;
    } else if (next === '{') {
      const close = matchingBrace(raw.text, i + 2);
      if (close < 0) {
        keepVerbatim(i, raw.length);
        break;
      }
      const inner = raw.slice(i + 2, close);
      const name = NAME.exec(inner.text)?.[0];
      const operator = name === undefined ? undefined : /^:?-/.exec(inner.text.slice(name.length))?.[0];
      if (name !== undefined && operator !== undefined) {
        const fallback = interpolate(inner.slice(name.length + operator.length));
        builder.append(fallback.value);
        if (state !== 'unresolved') state = fallback.state === 'unresolved' ? 'unresolved' : 'default';
      } else {
        keepVerbatim(i, close + 1);
      }
      i = close + 1;
    } else {
      const bareName = NAME.exec(raw.text.slice(i + 1))?.[0];
      const end = i + 1 + (bareName?.length ?? 0);
      if (bareName) keepVerbatim(i, end);
      else builder.append(raw.slice(i, end));
      i = end;
    }
  }
  return { value: builder.build(raw.origin, raw.start, raw.end), state, raw };
}

/** Index of the `}` closing a `${` whose content starts at `from`, honoring nested `${…}`; -1 when unclosed. */
function matchingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '$' && text[i + 1] === '{') {
      depth++;
      i++;
    } else if (text[i] === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}
