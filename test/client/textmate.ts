/**
 * A small TextMate tokenizer for testing the grammars in syntaxes/ without vscode-textmate and
 * Oniguruma. It follows vscode-textmate where the grammars rely on it: every line is matched with a
 * trailing "\n", the earliest match wins, an end pattern wins a tie against nested patterns, and
 * captures nest their scopes by group number. The grammars therefore must stay JS-compatible.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..', '..');

interface Capture {
  readonly name?: string;
}

export interface GrammarRule {
  readonly include?: string;
  readonly match?: string;
  readonly begin?: string;
  readonly end?: string;
  readonly name?: string;
  readonly contentName?: string;
  readonly captures?: Record<string, Capture>;
  readonly beginCaptures?: Record<string, Capture>;
  readonly endCaptures?: Record<string, Capture>;
  readonly patterns?: readonly GrammarRule[];
}

export interface Grammar {
  readonly scopeName: string;
  readonly patterns: readonly GrammarRule[];
  readonly repository?: Record<string, GrammarRule>;
}

export interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

/** Syntax Oniguruma accepts but JavaScript lacks or reads differently. */
const ONIGURUMA_ONLY = [/\\[AGzZhH]/, /\(\?[imx-]+[:)]/, /\(\?>/, /\[\[:\w+:\]\]/, /[+*?}][+]/, /\\[pP]\{\^?[A-Z][a-z]+\}/];

export function loadGrammar(fileName: string): Grammar {
  return JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'syntaxes', fileName), 'utf8')) as Grammar;
}

/** Every regex source in a grammar, labelled with where it sits. */
export function grammarRegexes(grammar: Grammar): { where: string; source: string }[] {
  const found: { where: string; source: string }[] = [];
  const visit = (rule: GrammarRule, where: string): void => {
    for (const key of ['match', 'begin', 'end'] as const) {
      const source = rule[key];
      if (source !== undefined) found.push({ where: `${where}.${key}`, source });
    }
    rule.patterns?.forEach((nested, index) => visit(nested, `${where}.patterns[${index}]`));
  };
  grammar.patterns.forEach((rule, index) => visit(rule, `patterns[${index}]`));
  for (const [name, rule] of Object.entries(grammar.repository ?? {})) visit(rule, `repository.${name}`);
  return found;
}

/**
 * Oniguruma to JavaScript: 'm' makes '^'/'$' match at the line's start and before its "\n" as
 * Oniguruma does; 'd' gives capture offsets; 'u' rejects escapes that mean nothing.
 */
export function compileRegex(source: string): RegExp {
  const unsupported = ONIGURUMA_ONLY.find((construct) => construct.test(source));
  if (unsupported) throw new Error(`Oniguruma-only syntax ${unsupported} in ${source}`);
  return new RegExp(source, 'dgmu');
}

type Candidate = { kind: 'end' } | { kind: 'rule'; rule: GrammarRule };

interface OpenRule {
  readonly rule: GrammarRule;
  readonly end: RegExp;
  /** Scopes around the rule's content: the outer scopes, the rule's name and its contentName. */
  readonly scopes: readonly string[];
}

export class Tokenizer {
  private readonly regexCache = new Map<string, RegExp>();

  constructor(private readonly grammar: Grammar) {}

  /** Tokenizes consecutive lines of one document; tokens with identical scopes are merged. */
  tokenizeLines(lines: readonly string[]): Token[][] {
    const stack: OpenRule[] = [];
    return lines.map((line) => this.tokenizeLine(line, stack));
  }

  private tokenizeLine(lineText: string, stack: OpenRule[]): Token[] {
    const line = `${lineText}\n`;
    const scopesPerChar: (readonly string[])[] = [];
    const paint = (from: number, to: number, scopes: readonly string[]): void => {
      for (let i = from; i < to; i++) scopesPerChar[i] = scopes;
    };
    let position = 0;
    let iterationsWithoutProgress = 0;
    // '<=': like vscode-textmate, scan once more after the "\n" so an end pattern such as '$' can still close a rule there.
    while (position <= line.length) {
      const open = stack.at(-1);
      const outerScopes = open?.scopes ?? [this.grammar.scopeName];
      const found = this.earliestMatch(line, position, open);
      if (!found) break;
      const { candidate, match } = found;
      const matchStart = match.index;
      const matchEnd = matchStart + match[0].length;
      paint(position, matchStart, outerScopes);
      if (candidate.kind === 'end' && open) {
        stack.pop();
        const scopesOutsideContent = open.rule.contentName ? outerScopes.slice(0, -1) : outerScopes;
        this.paintCaptures(match, scopesOutsideContent, open.rule.endCaptures ?? open.rule.captures, scopesPerChar);
      } else if (candidate.kind === 'rule') {
        const { rule } = candidate;
        const ruleScopes = rule.name ? [...outerScopes, rule.name] : outerScopes;
        if (rule.match !== undefined) {
          this.paintCaptures(match, ruleScopes, rule.captures, scopesPerChar);
        } else {
          this.paintCaptures(match, ruleScopes, rule.beginCaptures ?? rule.captures, scopesPerChar);
          const contentScopes = rule.contentName ? [...ruleScopes, rule.contentName] : ruleScopes;
          stack.push({ rule, end: this.regex(rule.end ?? '(?!)'), scopes: contentScopes });
        }
      }
      iterationsWithoutProgress = matchEnd === position ? iterationsWithoutProgress + 1 : 0;
      if (iterationsWithoutProgress > 10) throw new Error(`grammar loops at ${position} in ${JSON.stringify(lineText)}`);
      position = matchEnd;
    }
    paint(position, line.length, stack.at(-1)?.scopes ?? [this.grammar.scopeName]);
    return mergeTokens(lineText, scopesPerChar);
  }

  private earliestMatch(
    line: string,
    position: number,
    open: OpenRule | undefined,
  ): { candidate: Candidate; match: RegExpExecArray } | undefined {
    let best: { candidate: Candidate; match: RegExpExecArray } | undefined;
    const consider = (candidate: Candidate, regex: RegExp): void => {
      regex.lastIndex = position;
      const match = regex.exec(line);
      if (match && (!best || match.index < best.match.index)) best = { candidate, match };
    };
    if (open) consider({ kind: 'end' }, open.end);
    for (const rule of this.resolve(open ? (open.rule.patterns ?? []) : this.grammar.patterns)) {
      consider({ kind: 'rule', rule }, this.regex((rule.match ?? rule.begin) as string));
    }
    return best;
  }

  /** Replaces includes by the rules they name, recursively. */
  private resolve(rules: readonly GrammarRule[]): GrammarRule[] {
    return rules.flatMap((rule) => {
      if (rule.include === undefined) return [rule];
      const included = this.grammar.repository?.[rule.include.replace(/^#/, '')];
      if (!included) throw new Error(`unknown include ${rule.include}`);
      return included.match !== undefined || included.begin !== undefined ? [included] : this.resolve(included.patterns ?? []);
    });
  }

  private paintCaptures(
    match: RegExpExecArray,
    scopes: readonly string[],
    captures: Record<string, Capture> | undefined,
    scopesPerChar: (readonly string[])[],
  ): void {
    const matchStart = match.index;
    const matchEnd = matchStart + match[0].length;
    for (let i = matchStart; i < matchEnd; i++) {
      const covering = Object.entries(captures ?? {})
        .map(([group, capture]) => ({ group: Number(group), name: capture.name, span: match.indices?.[Number(group)] }))
        .filter(({ name, span }) => name !== undefined && span !== undefined && span[0] <= i && i < span[1])
        .sort((a, b) => a.group - b.group)
        .map(({ name }) => name as string);
      scopesPerChar[i] = [...scopes, ...covering];
    }
  }

  private regex(source: string): RegExp {
    let compiled = this.regexCache.get(source);
    if (!compiled) {
      compiled = compileRegex(source);
      this.regexCache.set(source, compiled);
    }
    return compiled;
  }
}

function mergeTokens(lineText: string, scopesPerChar: readonly (readonly string[])[]): Token[] {
  const tokens: { text: string; scopes: readonly string[] }[] = [];
  for (let i = 0; i < lineText.length; i++) {
    const last = tokens.at(-1);
    if (last && sameScopes(last.scopes, scopesPerChar[i])) last.text += lineText[i];
    else tokens.push({ text: lineText[i], scopes: scopesPerChar[i] });
  }
  return tokens;
}

function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((scope, index) => scope === b[index]);
}
