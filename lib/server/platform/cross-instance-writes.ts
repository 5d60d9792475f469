import "server-only";
import crypto from "node:crypto";
import pg from "pg";
import { databaseProvider } from "./database-url.ts";
import { onShutdown } from "./lifecycle.ts";

// PostgreSQL with several console instances: each tells the others which Prisma models it wrote, over
// LISTEN/NOTIFY on one connection of its own, so their in-memory caches (write-invalidated-cache.ts) are
// invalidated at once rather than when their entries expire. SQLite has one writer, the process that
// owns the data folder, so there is nothing to tell (and no link is opened).
//
// A notification is "<instance> <Model> <Model>…", sent once per turn of the event loop for every model
// written in it. While this instance's link is down (not yet connected, or lost), what it writes is kept
// and sent once it is back; and because notifications sent meanwhile by the others are lost, the link
// reports `everything` when it connects again, and the caches fall back to expiring entries after a
// second until it does.

export const WRITES_CHANNEL = "keyhold_model_writes";
const RECONNECT_MS = 1_000;

/** Reported to onRemoteWrite when notifications may have been missed: every cache must be emptied. */
export const EVERYTHING = "*";

type Link = {
  instance: string;
  url: string;
  onRemoteWrite: (model: string) => void;
  client?: pg.Client;
  listening: boolean;
  closed: boolean;
  pending: Set<string>;
  flushScheduled: boolean;
};

const holder = globalThis as unknown as { keyholdCrossInstanceLink?: { url: string | undefined; link: Link | null } };

async function connect(l: Link): Promise<void> {
  if (l.closed) return;
  const client = new pg.Client({ connectionString: l.url });
  const lost = () => {
    if (l.client !== client) return;
    l.client = undefined;
    l.listening = false;
    l.onRemoteWrite(EVERYTHING);
    client.end().catch(() => undefined);
    if (!l.closed) setTimeout(() => void connect(l), RECONNECT_MS).unref();
  };
  client.on("error", lost);
  client.on("end", lost);
  client.on("notification", (n) => {
    const [instance, ...models] = (n.payload ?? "").split(" ");
    if (instance === l.instance) return;
    for (const m of models) if (m) l.onRemoteWrite(m);
  });
  l.client = client;
  try {
    await client.connect();
    await client.query(`LISTEN ${WRITES_CHANNEL}`);
    if (l.client !== client || l.closed) return;
    l.listening = true;
    l.onRemoteWrite(EVERYTHING); // anything written by the others before now was not heard
    flush(l);
  } catch (e) {
    console.warn(
      "[keyhold] the cross-instance cache invalidation link to PostgreSQL failed; entries expire after a second until it is back:",
      e,
    );
    lost();
  }
}

function flush(l: Link): void {
  l.flushScheduled = false;
  if (!l.listening || !l.client || l.pending.size === 0) return;
  const payload = `${l.instance} ${[...l.pending].join(" ")}`;
  l.pending.clear();
  l.client.query("SELECT pg_notify($1, $2)", [WRITES_CHANNEL, payload]).catch(() => undefined);
}

/** This process's link (opened on first use), or null on SQLite. `onRemoteWrite` is fixed by the first caller. */
export function crossInstanceLink(onRemoteWrite: (model: string) => void): Link | null {
  const url = process.env.DATABASE_URL?.trim();
  const current = holder.keyholdCrossInstanceLink;
  if (current && current.url === url) return current.link;
  if (current?.link) close(current.link);
  if (!url || databaseProvider(url) !== "postgresql") {
    holder.keyholdCrossInstanceLink = { url, link: null };
    return null;
  }
  const link: Link = {
    instance: `${process.pid}-${crypto.randomBytes(6).toString("hex")}`,
    url,
    onRemoteWrite,
    listening: false,
    closed: false,
    pending: new Set(),
    flushScheduled: false,
  };
  holder.keyholdCrossInstanceLink = { url, link };
  void connect(link);
  onShutdown("cross-instance cache invalidation", "release", () => close(link));
  return link;
}

/** Tells the other instances that `model` was written (coalesced per turn of the event loop). */
export function announceWrite(l: Link, model: string): void {
  l.pending.add(model);
  if (l.flushScheduled) return;
  l.flushScheduled = true;
  setImmediate(() => flush(l));
}

function close(l: Link): Promise<void> {
  l.closed = true;
  l.listening = false;
  const client = l.client;
  l.client = undefined;
  return client ? client.end().catch(() => undefined) : Promise.resolve();
}
