/**
 * A set that holds its only value inline, growing to a Set for a second one: what the incremental stages' reverse
 * maps hold per key, since nearly every key has one value (a path asked about by one subject, looked up by one
 * source; a member key or name of one ensemble). A Set each was 15,700 one-value Sets, 2.4 MB of heap kept by
 * a cold analysis of 1,000 ensembles. A value must never itself be a Set.
 *
 * Iteration order is a Set's: insertion order, the inline value first.
 */
export type OneOrMore<T> = T | Set<T>;

const NONE: readonly never[] = [];

export function withValue<T>(values: OneOrMore<T> | undefined, value: T): OneOrMore<T> {
  if (values === undefined || values === value) return value;
  if (values instanceof Set) return values.add(value);
  return new Set([values, value]);
}

export function valuesOf<T>(values: OneOrMore<T> | undefined): Iterable<T> {
  return values === undefined ? NONE : values instanceof Set ? values : [values];
}

export function countOf<T>(values: OneOrMore<T> | undefined): number {
  return values === undefined ? 0 : values instanceof Set ? values.size : 1;
}

/** Adds `value` at `key`; true when the key is new. */
export function addTo<K, V>(map: Map<K, OneOrMore<V>>, key: K, value: V): boolean {
  const values = map.get(key);
  map.set(key, withValue(values, value));
  return values === undefined;
}

/** Removes `value` from `key`; true when it was the key's last value (and the key went with it). */
export function deleteFrom<K, V>(map: Map<K, OneOrMore<V>>, key: K, value: V): boolean {
  const values = map.get(key);
  if (values === value || (values instanceof Set && values.delete(value) && values.size === 0)) {
    map.delete(key);
    return true;
  }
  return false;
}
