import "server-only";
import crypto from "node:crypto";
import { env } from "@/lib/server/platform/env.ts";

// scrypt password hashes in a self-describing PHC-style string:
//   $scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt base64url>$<hash base64url>
// The parameters travel with the hash, so they can be raised later without breaking old hashes
// (needsRehash tells the caller when a stored hash is below the current parameters).
export type ScryptParams = { ln: number; r: number; p: number };

/**
 * OWASP Password Storage Cheat Sheet (scrypt, when Argon2id is not available): N = 2^17, r = 8 (1024-byte
 * blocks), p = 1. 128 MiB and a few hundred ms per hash; hashes made with weaker parameters still verify
 * and are upgraded at the next sign-in (needsRehash).
 */
export const OWASP_PARAMS: ScryptParams = { ln: 17, r: 8, p: 1 };

/** The parameters of new hashes: OWASP's, with N from KEYHOLD_PASSWORD_SCRYPT_LOG2N (default 17, never below 15). */
export function currentParams(): ScryptParams {
  return { ...OWASP_PARAMS, ln: env().KEYHOLD_PASSWORD_SCRYPT_LOG2N };
}
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const MAX_LN = 20;

function derive(password: string, salt: Buffer, { ln, r, p }: ScryptParams): Promise<Buffer> {
  const N = 2 ** ln;
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128 * N * r; leave headroom over Node's 32 MiB default.
    crypto.scrypt(password.normalize("NFKC"), salt, KEY_BYTES, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, params: ScryptParams = currentParams()): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

type ParsedHash = { params: ScryptParams; salt: Buffer; key: Buffer };

export function parsePasswordHash(stored: string): ParsedHash | null {
  const m = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{32,})$/.exec(stored);
  if (!m) return null;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (params.ln < 10 || params.ln > MAX_LN || params.r < 1 || params.p < 1) return null;
  return { params, salt: Buffer.from(m[4]!, "base64url"), key: Buffer.from(m[5]!, "base64url") };
}

/** True when `password` matches `stored`; false for a wrong password or an unreadable hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params);
  return key.length === parsed.key.length && crypto.timingSafeEqual(key, parsed.key);
}

export function needsRehash(stored: string): boolean {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return true;
  const { ln, r, p } = parsed.params;
  const current = currentParams();
  return ln < current.ln || r < current.r || p < current.p;
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same work as a real check, for sign-ins naming no known user, so response time does
 * not reveal whether a user name exists. Always resolves to false.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString("hex"));
  await verifyPassword(password, await dummyHash);
  return false;
}
