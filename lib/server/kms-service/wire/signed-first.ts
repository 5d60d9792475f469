import "server-only";

// Signed callers first. A source that is throttled for unauthenticated requests (rejected-requests.ts)
// is answered from what signed work leaves over: while signed requests are in flight, its refusals are
// held and answered together every MAX_WAIT_MS. A flooder on keep-alive connections sends its next
// request only after the answer, so under signed load a flood of N connections costs the main thread at
// most N × 1000 / MAX_WAIT_MS cheap refusals per second instead of half of its turns; alone (no signed
// request in flight), it is answered at once.

const MAX_WAIT_MS = 50;

type State = { signedInFlight: number; waiting: Array<() => void>; timer?: NodeJS.Timeout };
// On globalThis: Next bundles server code into several layers, and server.ts loads its own copy.
const holder = globalThis as unknown as { keyholdSignedFirst?: State };
const state = (): State => (holder.keyholdSignedFirst ??= { signedInFlight: 0, waiting: [] });

/** A request passed SigV4: it counts as signed work until signedRequestEnded. */
export function signedRequestStarted(): void {
  state().signedInFlight++;
}

export function signedRequestEnded(): void {
  const s = state();
  s.signedInFlight = Math.max(s.signedInFlight - 1, 0);
}

/** Resolves at the next release (every MAX_WAIT_MS) when a signed request is in flight; undefined when none is. */
export function afterSignedRequests(): Promise<void> | undefined {
  const s = state();
  if (s.signedInFlight === 0) return undefined;
  return new Promise((resolve) => {
    s.waiting.push(resolve);
    s.timer ??= setTimeout(() => releaseAll(s), MAX_WAIT_MS);
  });
}

function releaseAll(s: State): void {
  s.timer = undefined;
  for (const resolve of s.waiting.splice(0)) resolve();
}
