import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/server/platform/db.ts";
import { masterKey } from "@/lib/server/platform/secrets/master-key.ts";
import { WriteInvalidatedCache } from "@/lib/server/platform/write-invalidated-cache.ts";
import type { SigV4AccessKey } from "./access-key-lookup.ts";
import { isRole } from "./permissions.ts";
import { principalArn } from "./principal-arn.ts";

// The credential the console signs a signed-in user's KMS and CloudHSM calls with, as AWS's console
// does with the temporary credentials of a console session: scoped to one session (ASIA… key id, a
// secret derived from the master key and the session id), used server-side only, never shown, never
// stored, never an access key the user must create or manage, and refused once the session ends
// (sign-out, expiry, password change, deactivation all delete or outlive the Session row). The local
// service verifies it like any SigV4 key and sees the session's user as the principal, so key
// policies decide and the audit log names that user.
//
// The key id is derived too; the verifier learns which session a key id stands for from this
// process's map, filled when the console derives the credential (the console signs in-process, so
// the verifier is always in the same process). A key id this process never handed out is unknown.

export type ConsoleSessionCredentials = { accessKeyId: string; secretAccessKey: string };

const PREFIX = "ASIA";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const MAX_SESSIONS = 10_000;

const holder = globalThis as unknown as { keyholdConsoleSessionKeys?: Map<string, string> };
const sessionsByKeyId = (): Map<string, string> => (holder.keyholdConsoleSessionKeys ??= new Map());
const cache = new WriteInvalidatedCache<(SigV4AccessKey & { expiresAt: number }) | null>("console-session-keys", ["Session", "User"]);

function derive(purpose: string, sessionId: string): Buffer {
  const key = crypto.hkdfSync("sha256", masterKey(), Buffer.alloc(0), "keyhold/console-session-credentials/v1", 32);
  return crypto.createHmac("sha256", Buffer.from(key)).update(`${purpose}:${sessionId}`, "utf8").digest();
}

function keyIdOf(sessionId: string): string {
  const bytes = derive("key-id", sessionId);
  let id = PREFIX;
  for (let i = 0; i < 16; i++) id += BASE32[bytes[i]! % 32];
  return id;
}

/** The console session's signing credential (server-side only: never return it from a route). */
export function consoleSessionCredentials(sessionId: string): ConsoleSessionCredentials {
  const accessKeyId = keyIdOf(sessionId);
  const map = sessionsByKeyId();
  if (!map.has(accessKeyId)) {
    // Bounded: a dropped entry is put back the next time its session's console signs a call.
    if (map.size >= MAX_SESSIONS) map.clear();
    map.set(accessKeyId, sessionId);
  }
  return { accessKeyId, secretAccessKey: derive("secret", sessionId).toString("base64url").slice(0, 40) };
}

export function isConsoleSessionKeyId(accessKeyId: string): boolean {
  return accessKeyId.startsWith(PREFIX);
}

/** For the SigV4 verifier: the session's user as the signer, or null once the session is gone or expired. */
export async function findConsoleSessionKey(accessKeyId: string): Promise<SigV4AccessKey | null> {
  const sessionId = sessionsByKeyId().get(accessKeyId);
  if (!sessionId) return null;
  const found = await cache.get(accessKeyId, () => load(sessionId));
  if (!found || found.expiresAt <= Date.now()) return null;
  return { secretAccessKey: found.secretAccessKey, principalArn: found.principalArn, userName: found.userName, role: found.role };
}

async function load(sessionId: string): Promise<(SigV4AccessKey & { expiresAt: number }) | null> {
  const session = await db().session.findUnique({
    where: { id: sessionId },
    select: { expiresAt: true, user: { select: { name: true, role: true, status: true } } },
  });
  if (!session || session.user.status !== "Active" || !isRole(session.user.role)) return null;
  return {
    secretAccessKey: consoleSessionCredentials(sessionId).secretAccessKey,
    principalArn: principalArn(session.user.name),
    userName: session.user.name,
    role: session.user.role,
    expiresAt: session.expiresAt.getTime(),
  };
}
