// Structured logs: one JSON object per line on stdout, written in batches (one write per event-loop
// turn) so that logging every request costs little. Fields are chosen by the caller from a fixed set of
// safe ones; plaintext, ciphertext, AAD, PINs and secrets are never passed here.

export type LogLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, string | number | boolean | undefined | null | readonly string[]>;

let threshold = ORDER.info;
let pending: string[] = [];
let scheduled = false;
let sink: (text: string) => void = (text) => process.stdout.write(text);

export function setLogLevel(level: LogLevel): void {
  threshold = ORDER[level];
}

/** For tests: where the lines go. */
export function setLogSink(write: (text: string) => void): void {
  sink = write;
}

export function log(level: LogLevel, msg: string, fields: LogFields = {}): void {
  if (ORDER[level] < threshold) return;
  pending.push(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
  if (!scheduled) {
    scheduled = true;
    setImmediate(flushLogs);
  }
}

export function flushLogs(): void {
  scheduled = false;
  if (pending.length === 0) return;
  const text = pending.join("\n") + "\n";
  pending = [];
  sink(text);
}
