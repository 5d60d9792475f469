import { describe, expect, it } from "vitest";
import { afterSignedRequests, signedRequestEnded, signedRequestStarted } from "./signed-first.ts";

// A throttled source's refusal waits for signed work in flight, and never more than 50 ms.
describe("signed callers first", () => {
  it("answers at once when no signed request is in flight", () => {
    expect(afterSignedRequests()).toBeUndefined();
  });

  it("waits until the signed requests in flight have ended", async () => {
    signedRequestStarted();
    signedRequestStarted();
    let released = false;
    const turn = afterSignedRequests()!.then(() => (released = true));
    signedRequestEnded();
    await new Promise((resolve) => setImmediate(resolve));
    expect(released).toBe(false);
    signedRequestEnded();
    await turn;
    expect(released).toBe(true);
    expect(afterSignedRequests()).toBeUndefined();
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
