/**
 * The same elements in an array of exactly their number. `push` grows an array to 17 slots at its first element,
 * and the node stage keeps thousands of short lists built that way (member keys, members, names, ports): trimming
 * them keeps ~3 MB less after a cold pass at 1,000 ensembles (72.4 MB retained, was 75.4). The untrimmed array
 * dies young, which is cheap.
 */
export function trimmed<T>(items: T[]): T[] {
  return items.slice();
}
