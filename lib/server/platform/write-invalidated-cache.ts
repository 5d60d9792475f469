import "server-only";
import { databaseProvider } from "./database-url.ts";
import { hearsOtherInstances, modelWriteGeneration } from "./db-writes.ts";

// An in-memory cache of what the database says about rarely-written rows (access keys with their
// unsealed secrets, KMS keys with their store), for the request path of /api/aws. Every entry is dropped
// as soon as any of the models it was read from is written in this process (db-writes.ts counts writes
// per model), so the very next request after a write reads the database again. A read that began before
// a write is returned to its caller but not kept, so it cannot put old state back.
//
// SQLite: this process is the only writer (the console's process owns the data folder), so that is
// enough. PostgreSQL with several console instances: each announces its writes to the others over
// LISTEN/NOTIFY (cross-instance-writes.ts), which bump the same counters, so a disabled key or a
// deactivated access key is refused by every instance from the next request. While that link is down
// (starting, or lost), entries expire after CROSS_PROCESS_TTL_MS instead, and every entry is dropped when
// it comes back (IAM and KMS are eventually consistent too).

export const CROSS_PROCESS_TTL_MS = 1_000;

type Entry<V> = { value: V; expires: number };
type State<V> = { generation: number; entries: Map<string, Entry<V>> };

const holder = globalThis as unknown as { keyholdWriteInvalidatedCaches?: Map<string, State<unknown>> };

let providerFor: { url: string | undefined; postgres: boolean } | undefined;

/**
 * Infinity on SQLite and on PostgreSQL while the other instances' writes are heard, else
 * CROSS_PROCESS_TTL_MS; read when used (tests switch databases).
 */
function entryTtlMs(): number {
  const url = process.env.DATABASE_URL;
  if (!providerFor || providerFor.url !== url) providerFor = { url, postgres: databaseProvider() === "postgresql" };
  if (!providerFor.postgres) return Infinity;
  return hearsOtherInstances() ? Infinity : CROSS_PROCESS_TTL_MS;
}

export class WriteInvalidatedCache<V> {
  /**
   * `name`: its slot on globalThis (one cache per name across Next's bundles); `models`: the Prisma models
   * its values are read from (cascading deletes included: name the parent too); `max`: entries kept.
   */
  constructor(
    private readonly name: string,
    private readonly models: readonly string[],
    private readonly max = 10_000,
  ) {}

  private state(): State<V> {
    const all = (holder.keyholdWriteInvalidatedCaches ??= new Map());
    let s = all.get(this.name) as State<V> | undefined;
    if (!s) {
      s = { generation: modelWriteGeneration(this.models), entries: new Map() };
      all.set(this.name, s as State<unknown>);
    }
    const generation = modelWriteGeneration(this.models);
    if (s.generation !== generation) {
      s.entries.clear();
      s.generation = generation;
    }
    return s;
  }

  /** The cached value, or undefined when there is none (or it may be stale). */
  peek(key: string): { value: V } | undefined {
    const entry = this.state().entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= performance.now()) return undefined;
    return entry;
  }

  /** The value for key: from memory, else from load() (kept unless a write happened meanwhile). */
  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.peek(key);
    if (hit) return hit.value;
    const generation = this.state().generation;
    const value = await load();
    const s = this.state();
    if (s.generation === generation) {
      if (s.entries.size >= this.max) s.entries.clear();
      s.entries.set(key, { value, expires: performance.now() + entryTtlMs() });
    }
    return value;
  }

  /** Keeps a value read by the caller at `generation` (from generation()) unless a write happened since. */
  set(key: string, value: V, generation: number): void {
    const s = this.state();
    if (s.generation !== generation) return;
    if (s.entries.size >= this.max) s.entries.clear();
    s.entries.set(key, { value, expires: performance.now() + entryTtlMs() });
  }

  generation(): number {
    return this.state().generation;
  }

  clear(): void {
    this.state().entries.clear();
  }
}
