import "server-only";

// Signed callers first. A source that is throttled for unauthenticated requests (rejected-requests.ts)
// is answered from what signed work leaves over: while signed requests are in flight, its refusals wait
// until none are (or MAX_WAIT_MS at most). A flooder on keep-alive connections sends its next request
// only after the answer, so under signed load a flood costs the main thread a few hundred cheap
// refusals per second instead of taking half of its turns; alone, it is answered at once.

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
  if (--s.signedInFlight <= 0) {
    s.signedInFlight = 0;
    releaseAll(s);
  }
}

/** Resolves when no signed request is in flight (at most MAX_WAIT_MS later); undefined when none is now. */
export function afterSignedRequests(): Promise<void> | undefined {
  const s = state();
  if (s.signedInFlight === 0) return undefined;
  return new Promise((resolve) => {
    s.waiting.push(resolve);
    s.timer ??= setTimeout(() => releaseAll(s), MAX_WAIT_MS);
  });
}

function releaseAll(s: State): void {
  if (s.timer) clearTimeout(s.timer);
  s.timer = undefined;
  if (s.waiting.length === 0) return;
  for (const resolve of s.waiting.splice(0)) resolve();
}
