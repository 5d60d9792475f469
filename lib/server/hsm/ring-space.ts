// Space in a fixed buffer handed out front to back and given back in the same order: where the crypto
// threads' jobs and answers live in shared memory (crypto-threads.ts). Every allocation is contiguous;
// one that does not fit before the end starts again at 0, leaving the end unused for that round.

export type Ring = { size: number; head: number; tail: number; used: number };

export function createRing(size: number): Ring {
  return { size, head: 0, tail: 0, used: 0 };
}

/** Offset of `bytes` of space (contiguous), or -1 while the ring is too full for it. */
export function allocate(ring: Ring, bytes: number): number {
  if (ring.used === 0) ring.head = ring.tail = 0;
  let at = -1;
  if (ring.used === 0) at = bytes <= ring.size ? 0 : -1;
  else if (ring.head > ring.tail) {
    // Live space is [tail, head): after it, or else from 0 up to tail.
    if (ring.head + bytes <= ring.size) at = ring.head;
    else if (bytes < ring.tail) at = 0;
  } else if (ring.head + bytes < ring.tail) at = ring.head; // wrapped: live space is [tail, end) and [0, head)
  if (at < 0) return -1;
  ring.head = at + bytes;
  ring.used++;
  return at;
}

/** Takes back the newest allocation (made at `at`), as if it had not been made. */
export function undoNewest(ring: Ring, at: number): void {
  ring.used--;
  ring.head = at;
}

/** Gives back the oldest allocation; `nextStart` is where the next oldest begins (undefined: none left). */
export function releaseOldest(ring: Ring, nextStart: number | undefined): void {
  ring.used--;
  ring.tail = nextStart ?? ring.head;
}
