import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import { env } from "./env.ts";

// Where a slow operation's server time goes, for the benches (bench/create-key.bench.ts): with
// KEYHOLD_BENCH_SPANS_FILE set, `withSpans` collects the `span`s timed inside it (through awaits, by
// AsyncLocalStorage) and appends them to that file as one JSON line per span. Unset, `span` only calls
// its function: one getStore() per span, on paths that cost milliseconds anyway.

export type SpanLine = { group: string; span: string; ms: number };

type Collected = { group: string; spans: Array<[string, number]> };

const holder = globalThis as unknown as { keyholdBenchSpans?: AsyncLocalStorage<Collected> };
const storage = (): AsyncLocalStorage<Collected> => (holder.keyholdBenchSpans ??= new AsyncLocalStorage());

function write(lines: SpanLine[]): void {
  const file = env().KEYHOLD_BENCH_SPANS_FILE;
  if (file && lines.length) fs.appendFileSync(file, lines.map((l) => JSON.stringify(l) + "\n").join(""));
}

/** Runs fn, timing the spans inside it under `group` (e.g. "CreateKey AWS_KMS") when the bench asked for it. */
export async function withSpans<T>(group: string, fn: () => Promise<T>): Promise<T> {
  if (!env().KEYHOLD_BENCH_SPANS_FILE) return fn();
  const collected: Collected = { group, spans: [] };
  const t = performance.now();
  try {
    return await storage().run(collected, fn);
  } finally {
    collected.spans.push(["(total)", performance.now() - t]);
    write(collected.spans.map(([span, ms]) => ({ group, span, ms })));
  }
}

/** Times fn as `name` inside the current withSpans; outside one (or with the bench flag unset) just calls it. */
export async function span<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
  const collected = holder.keyholdBenchSpans?.getStore();
  if (!collected) return fn();
  const t = performance.now();
  try {
    return await fn();
  } finally {
    collected.spans.push([name, performance.now() - t]);
  }
}

/** A span measured outside any withSpans (e.g. after the operation returned): written at once. */
export function recordSpan(group: string, name: string, ms: number): void {
  if (env().KEYHOLD_BENCH_SPANS_FILE) write([{ group, span: name, ms }]);
}

export function benchSpansOn(): boolean {
  return env().KEYHOLD_BENCH_SPANS_FILE !== undefined;
}
