import "server-only";

// Serialises changes to one cluster's HSMs within this process (adding an HSM while a key is being
// generated would otherwise let the new HSM miss the key). Only the process holding the token-directory
// lock touches the tokens, so an in-process lock is enough. Kept on globalThis (Next bundle layers).

const holder = globalThis as unknown as { keyholdClusterLocks?: Map<string, Promise<unknown>> };

export async function withClusterLock<T>(clusterId: string, fn: () => Promise<T>): Promise<T> {
  const locks = (holder.keyholdClusterLocks ??= new Map());
  const previous = locks.get(clusterId) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const tail = run.catch(() => undefined);
  locks.set(clusterId, tail);
  try {
    return await run;
  } finally {
    if (locks.get(clusterId) === tail) locks.delete(clusterId);
  }
}
