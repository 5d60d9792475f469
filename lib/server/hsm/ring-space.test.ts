import { describe, expect, it } from "vitest";
import { allocate, createRing, releaseOldest, undoNewest } from "./ring-space.ts";

// The crypto threads' shared-memory allocator: live allocations never overlap and stay inside the
// ring, through wrap-arounds, a full ring and undone allocations (a seeded random walk against a model).

function random(seed: number): () => number {
  return () => (seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff) / 0x7fffffff;
}

describe("ring space", () => {
  it("hands out non-overlapping space inside the ring through 20,000 random allocations and releases", () => {
    const size = 10_000;
    const ring = createRing(size);
    const live: Array<{ at: number; bytes: number }> = [];
    const rnd = random(42);
    let wraps = 0;
    let refusals = 0;
    for (let step = 0; step < 20_000; step++) {
      if (live.length > 0 && rnd() < 0.45) {
        live.shift();
        releaseOldest(ring, live[0]?.at);
        continue;
      }
      const bytes = 1 + Math.floor(rnd() * 1_500);
      const at = allocate(ring, bytes);
      if (at < 0) {
        refusals++;
        continue;
      }
      if (rnd() < 0.05) {
        undoNewest(ring, at);
        continue;
      }
      if (live.length > 0 && at < live.at(-1)!.at) wraps++;
      expect(at + bytes).toBeLessThanOrEqual(size);
      for (const other of live) expect(at + bytes <= other.at || other.at + other.bytes <= at).toBe(true);
      live.push({ at, bytes });
    }
    // The walk went through both situations the allocator has to get right.
    expect(wraps).toBeGreaterThan(100);
    expect(refusals).toBeGreaterThan(100);
  });

  it("refuses what cannot fit, and starts again at 0 once everything is given back", () => {
    const ring = createRing(100);
    expect(allocate(ring, 101)).toBe(-1);
    expect(allocate(ring, 60)).toBe(0);
    expect(allocate(ring, 50)).toBe(-1); // 40 left at the end, 0 before the oldest
    expect(allocate(ring, 40)).toBe(60);
    releaseOldest(ring, 60);
    expect(allocate(ring, 50)).toBe(0); // wraps: the first 60 bytes are free again
    expect(allocate(ring, 10)).toBe(-1); // [50, 60) would touch the live space at 60
    releaseOldest(ring, 0);
    releaseOldest(ring, undefined);
    expect(allocate(ring, 100)).toBe(0);
  });
});
