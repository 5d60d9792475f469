import "server-only";

// The process's long-lived parts and the order they stop in. Each part registers its stop when it
// starts; the process's owner (server.ts, a script, a test service) calls shutdown() once on SIGTERM or
// SIGINT and exits when it resolves. Nothing here patches a global function: a part that must finish
// its work before the process ends (the audit writer's queue) does it in its stop, which runs before
// the parts below it are released.
//
// Phases, stopped in this order:
//   intake   stop taking new work: the HTTP server stops accepting and waits for open requests
//   workers  background loops: the status poller, the key-deletion sweeper, connection jobs
//   flush    write what is queued: the audit writer
//   release  close what the others used: the PKCS#11 module (C_Finalize), the database

export type Phase = "intake" | "workers" | "flush" | "release";
const PHASES: readonly Phase[] = ["intake", "workers", "flush", "release"];

type Part = { name: string; phase: Phase; stop: () => void | Promise<void> };
type State = { parts: Map<string, Part>; stopping?: Promise<void> };

// On globalThis: Next bundles server code into several layers, and server.ts loads its own copy.
const holder = globalThis as unknown as { keyholdLifecycle?: State };
const state = (): State => (holder.keyholdLifecycle ??= { parts: new Map() });

/** Registers (or replaces, by name) what stops a running part. */
export function onShutdown(name: string, phase: Phase, stop: () => void | Promise<void>): void {
  state().parts.set(name, { name, phase, stop });
}

/** Forgets a part that stopped on its own (e.g. a test service closed by hand). */
export function forgetShutdown(name: string): void {
  state().parts.delete(name);
}

/** True once shutdown() has begun: request handlers refuse new work from then on. */
export function isShuttingDown(): boolean {
  return state().stopping !== undefined;
}

/**
 * Stops every registered part, phase by phase (parts of one phase together), each phase given what is
 * left of `budgetMs`. A part that fails or overruns is reported and the next phase runs anyway: the
 * process must end. Calling it again returns the same promise.
 */
export function shutdown(budgetMs = 4_500, log: (line: string) => void = (l) => console.error(l)): Promise<void> {
  const s = state();
  s.stopping ??= (async () => {
    const deadline = Date.now() + budgetMs;
    const stopped: string[] = [];
    for (const phase of PHASES) {
      const parts = [...s.parts.values()].filter((p) => p.phase === phase);
      if (parts.length === 0) continue;
      const left = Math.max(deadline - Date.now(), 100);
      await Promise.all(
        parts.map(async (part) => {
          let timer: NodeJS.Timeout | undefined;
          const overrun = new Promise<"overrun">((resolve) => (timer = setTimeout(() => resolve("overrun"), left)));
          try {
            const result = await Promise.race([Promise.resolve().then(part.stop), overrun]);
            if (result === "overrun") log(`[keyhold] shutdown: ${part.name} did not stop within ${left} ms`);
            else stopped.push(part.name);
          } catch (e) {
            log(`[keyhold] shutdown: stopping ${part.name} failed: ${e instanceof Error ? e.message : String(e)}`);
          } finally {
            clearTimeout(timer);
            s.parts.delete(part.name);
          }
        }),
      );
    }
    log(`[keyhold] stopped: ${stopped.join(", ") || "nothing was running"}`);
  })();
  return s.stopping;
}

/**
 * For a process's owner: on SIGTERM or SIGINT, shut down, then exit (0, or 1 when a second signal
 * comes first). Returns a function that removes the handlers.
 */
export function exitOnSignals(budgetMs?: number): () => void {
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) process.exit(1);
    console.error(`[keyhold] ${signal}: shutting down`);
    void shutdown(budgetMs).finally(() => process.exit(0));
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  return () => {
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
  };
}
