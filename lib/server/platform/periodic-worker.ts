import "server-only";
import { onShutdown } from "./lifecycle.ts";

// A background task run shortly after start, then every interval: one per process and name (kept on
// globalThis, as Next loads server code in several layers), its timer never keeps the process alive,
// a failure is logged and the next run still comes, and its stop (registered with the process's
// shutdown, phase "workers") waits for a run in progress.

export type PeriodicWorker = { stop: () => Promise<void> };
export type PeriodicWorkerOptions = { intervalMs: number; firstRunMs: number };

const workers = globalThis as unknown as { keyholdPeriodicWorkers?: Map<string, PeriodicWorker> };

export function startPeriodicWorker(name: string, task: () => Promise<void>, o: PeriodicWorkerOptions): PeriodicWorker {
  const registry = (workers.keyholdPeriodicWorkers ??= new Map());
  const existing = registry.get(name);
  if (existing) return existing;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;
  const run = async () => {
    try {
      await task();
    } catch (e) {
      console.error(`[keyhold] ${name} failed:`, e);
    }
    if (!stopped) schedule(o.intervalMs);
  };
  const schedule = (ms: number) => {
    timer = setTimeout(() => {
      running = run();
    }, ms);
    timer.unref();
  };
  schedule(o.firstRunMs);
  const worker: PeriodicWorker = {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
      if (registry.get(name) === worker) registry.delete(name);
    },
  };
  registry.set(name, worker);
  onShutdown(name, "workers", worker.stop);
  return worker;
}
