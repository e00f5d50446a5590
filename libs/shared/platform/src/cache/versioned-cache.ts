/** A value kept with the version (a database counter, as text) it was read at. */
export interface Versioned {
  readonly version: string;
}

/**
 * In-process snapshots keyed by id, each at the version it was read at (spec/quality.md §1: hot
 * data is cached and invalidated on change). The caller reads the current version from the
 * database; a snapshot behind it is loaded again. At most `capacity` keys: the least recently
 * loaded leaves first.
 */
export class VersionedCache<K, V extends Versioned> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** The snapshot of `key` at `version` or later, loaded with `load` when the cached one is behind. */
  async at(key: K, version: string, load: () => Promise<V>): Promise<V> {
    const cached = this.entries.get(key);
    if (cached && BigInt(cached.version) >= BigInt(version)) return cached;
    const loaded = await load();
    const current = this.entries.get(key);
    // A slower concurrent load must not replace a newer snapshot.
    if (current && BigInt(current.version) > BigInt(loaded.version)) return loaded;
    this.entries.delete(key);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, loaded);
    return loaded;
  }
}
