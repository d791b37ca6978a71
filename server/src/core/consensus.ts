/**
 * What most nodes agree on. Used by the mismatch rules to say which value is odd one out, and by the
 * make-consistent fix to pick the value every node should get.
 */
export interface Consensus<T> {
  /** The value held by more than half of the voters, when there is one. */
  readonly majority?: string;
  /** Every distinct value with the items that hold it, most held first, ties in first-seen order. */
  readonly groups: readonly { readonly key: string; readonly items: readonly T[] }[];
}

export function consensus<T>(items: readonly T[], keyOf: (item: T) => string): Consensus<T> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  const sorted = [...groups.entries()].map(([key, list]) => ({ key, items: list })).sort((a, b) => b.items.length - a.items.length);
  const top = sorted[0];
  return { majority: top && top.items.length * 2 > items.length ? top.key : undefined, groups: sorted };
}
