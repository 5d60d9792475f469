import "server-only";

// Serialises the key store changes whose checks read other stores (name unique, ≤ 10 stores, one store
// per cluster) so that two concurrent requests cannot both pass them. In-process: only the process that
// holds the HSM token lock serves the local KMS. Kept on globalThis (Next bundle layers).

const holder = globalThis as unknown as { keyholdKeyStoreLock?: Promise<unknown> };

export async function withKeyStoreLock<T>(fn: () => Promise<T>): Promise<T> {
  const previous = holder.keyholdKeyStoreLock ?? Promise.resolve();
  const run = previous.then(fn, fn);
  holder.keyholdKeyStoreLock = run.catch(() => undefined);
  return run;
}
