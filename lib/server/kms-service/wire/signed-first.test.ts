import { describe, expect, it } from "vitest";
import { afterSignedRequests, signedRequestEnded, signedRequestStarted } from "./signed-first.ts";

// A throttled source's refusals are held while signed work is in flight, 50 ms at most.
describe("signed callers first", () => {
  it("answers at once when no signed request is in flight", () => {
    expect(afterSignedRequests()).toBeUndefined();
  });

  it("holds refusals while signed requests are in flight and answers them together 50 ms later", async () => {
    signedRequestStarted();
    const start = performance.now();
    const released: number[] = [];
    const turns = [afterSignedRequests()!, afterSignedRequests()!].map((t) => t.then(() => released.push(performance.now() - start)));
    signedRequestEnded();
    expect(afterSignedRequests()).toBeUndefined(); // no signed request in flight now: answered at once
    await Promise.all(turns);
    expect(released).toHaveLength(2);
    for (const ms of released) expect(ms).toBeGreaterThanOrEqual(45);
  });

  it("waits 50 ms at most under steady signed load", async () => {
    signedRequestStarted();
    const start = performance.now();
    await afterSignedRequests();
    const waited = performance.now() - start;
    expect(waited).toBeGreaterThanOrEqual(45);
    expect(waited).toBeLessThan(1_000);
    signedRequestEnded();
  });
});
