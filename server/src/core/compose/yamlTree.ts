import { Document, isAlias, isMap, isScalar, isSeq, Node, Scalar } from 'yaml';
import type { Range } from '../text';
import { interpolate, Interpolated } from './interpolation';
import type { ComposeProblem } from './model';
import { locateScalar, ScalarStyle } from './scalarSource';
import type { SourcedText, TextOrigin } from './sourcedText';

/** A map entry after aliases and `<<` merge keys are applied. */
export interface YamlEntry {
  readonly name: string;
  readonly key: Scalar;
  /** The value node, aliases resolved; undefined for an empty value. */
  readonly value: Node | undefined;
}

/**
 * Read access to one parsed YAML document the way Compose sees it: aliases resolved to their anchored node (so
 * ranges point at the anchor's text), `<<` merge keys applied, scalar values interpolated.
 */
export class YamlTree {
  constructor(
    private readonly document: Document,
    readonly origin: TextOrigin,
    private readonly report: (problem: ComposeProblem) => void,
  ) {}

  get root(): Node | undefined {
    return this.resolve(this.document.contents);
  }

  resolve(node: unknown): Node | undefined {
    if (isAlias(node)) return node.resolve(this.document);
    if (isScalar(node) && node.value === null) return undefined;
    return isMap(node) || isSeq(node) || isScalar(node) ? node : undefined;
  }

  rangeOf(node: Node): Range {
    const [start, end] = node.range ?? [0, 0];
    return this.origin.lines.rangeOf(start, end);
  }

  /**
   * The entries of a mapping, undefined when `node` is not one. Explicit keys win over merged ones, and earlier
   * merge sources over later ones, as in YAML 1.1 merge semantics.
   */
  entries(node: Node | undefined): ReadonlyMap<string, YamlEntry> | undefined {
    return this.mergedEntries(node, new Set());
  }

  private mergedEntries(node: Node | undefined, merging: Set<Node>): Map<string, YamlEntry> | undefined {
    if (!isMap(node)) return undefined;
    const merged = new Map<string, YamlEntry>();
    const explicit = new Map<string, YamlEntry>();
    merging.add(node);
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      if (isMergeKey(pair.key)) {
        for (const [name, entry] of this.mergeSources(pair.key, pair.value, merging)) {
          if (!merged.has(name)) merged.set(name, entry);
        }
      } else {
        const name = String(pair.key.value);
        explicit.set(name, { name, key: pair.key, value: this.resolve(pair.value) });
      }
    }
    merging.delete(node);
    return new Map([...merged, ...explicit]);
  }

  private mergeSources(mergeKey: Scalar, value: unknown, merging: Set<Node>): Map<string, YamlEntry> {
    const resolved = this.resolve(value);
    const sources = isSeq(resolved) ? resolved.items.map((item) => this.resolve(item)) : [resolved];
    const entries = new Map<string, YamlEntry>();
    for (const source of sources) {
      if (!isMap(source)) {
        this.report({
          kind: 'invalid-merge',
          message: 'A `<<` merge key takes a mapping or a list of mappings.',
          path: this.origin.path,
          range: this.rangeOf(mergeKey),
        });
        continue;
      }
      if (merging.has(source)) continue; // an anchor merged into itself adds nothing new
      for (const [name, entry] of this.mergedEntries(source, merging) ?? []) if (!entries.has(name)) entries.set(name, entry);
    }
    return entries;
  }

  /** The items of a sequence, aliases resolved; undefined when `node` is not one. */
  items(node: Node | undefined): (Node | undefined)[] | undefined {
    return isSeq(node) ? node.items.map((item) => this.resolve(item)) : undefined;
  }

  /** A non-null scalar's string as written (numbers and booleans keep their spelling), before interpolation. */
  raw(node: Node | undefined): SourcedText | undefined {
    if (!isScalar(node) || node.value === null || !node.range) return undefined;
    const [start, end] = node.range;
    const value = typeof node.value === 'string' ? node.value : node.source ?? String(node.value);
    const token = node.srcToken;
    const parentIndent = token && 'indent' in token ? token.indent : 0;
    const style = (node.type ?? 'PLAIN') as ScalarStyle;
    return locateScalar(this.origin, { style, value, start, end, parentIndent });
  }

  /** A non-null scalar's string, interpolated. */
  text(node: Node | undefined): Interpolated | undefined {
    const raw = this.raw(node);
    return raw && interpolate(raw);
  }
}

function isMergeKey(key: Scalar): boolean {
  return key.type === 'PLAIN' && key.value === '<<';
}
