/**
 * A map that is mutated in place yet hands out cheap, immutable snapshots: what the incremental engine needs to
 * return a new analysis per change without copying a map of every file each time.
 *
 * Every snapshot is a version. Mutating the map after a snapshot was taken first records, in that version's
 * `undo` log, the value each key had (once per key), then links the version to the next one. Reading a key
 * through an old version walks forward along the links until a version that recorded the key, or reads the
 * live map at the newest. So the newest snapshot reads in O(1), an older one in O(number of newer versions),
 * and memory grows only with the keys that changed. Old versions are garbage once nobody holds them: versions
 * point forward, never back.
 */

const ABSENT: unique symbol = Symbol('absent');

class Version<K, V> {
  readonly undo = new Map<K, V | typeof ABSENT>();
  next: Version<K, V> | undefined;
}

export interface MapSnapshot<K, V> {
  get(key: K): V | undefined;
  has(key: K): boolean;
}

export class VersionedMap<K, V> {
  private readonly live = new Map<K, V>();
  private head = new Version<K, V>();
  /** Whether `head` has been handed out: then the next mutation must preserve it. */
  private headShared = false;
  /** The last handed-out version: mutations since record there what they overwrite. */
  private sharedTail: Version<K, V> | undefined;

  get(key: K): V | undefined {
    return this.live.get(key);
  }

  has(key: K): boolean {
    return this.live.has(key);
  }

  get size(): number {
    return this.live.size;
  }

  set(key: K, value: V): void {
    if (this.live.get(key) === value && (value !== undefined || this.live.has(key))) return;
    this.preserve(key);
    this.live.set(key, value);
  }

  delete(key: K): void {
    if (!this.live.has(key)) return;
    this.preserve(key);
    this.live.delete(key);
  }

  /** The map as it is now; later mutations do not show through it. */
  snapshot(): MapSnapshot<K, V> {
    this.headShared = true;
    const version = this.head;
    const live = this.live;
    return {
      get: (key) => read(version, live, key),
      has: (key) => {
        for (let v: Version<K, V> | undefined = version; v?.next; v = v.next) {
          const recorded = v.undo.get(key);
          if (recorded !== undefined || v.undo.has(key)) return recorded !== ABSENT;
        }
        return live.has(key);
      },
    };
  }

  private preserve(key: K): void {
    if (this.headShared) {
      // First mutation since the head was handed out: it becomes history and a new head starts.
      const next = new Version<K, V>();
      this.head.next = next;
      this.sharedTail = this.head;
      this.head = next;
      this.headShared = false;
    }
    // The last handed-out version keeps the value each key had when it was taken.
    const tail = this.sharedTail;
    if (tail && !tail.undo.has(key)) tail.undo.set(key, this.live.has(key) ? (this.live.get(key) as V) : ABSENT);
  }
}

function read<K, V>(version: Version<K, V>, live: Map<K, V>, key: K): V | undefined {
  for (let v: Version<K, V> | undefined = version; v?.next; v = v.next) {
    const recorded = v.undo.get(key);
    if (recorded !== undefined || v.undo.has(key)) return recorded === ABSENT ? undefined : (recorded as V);
  }
  return live.get(key);
}
