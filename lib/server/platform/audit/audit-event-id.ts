import "server-only";
import crypto from "node:crypto";

// AuditEvent ids are UUIDv7 (RFC 9562): 48 bits of Unix milliseconds first, then random bits. The
// table's primary key index then grows at its end, as the time index does, instead of taking every
// insert at a random page (a random v4 id): the local endpoint writes one row per request, and with v4
// ids the index insert was the largest part of the batched INSERT's cost once the table was large.

const POOL_BYTES = 16 * 256;
const pool = { bytes: Buffer.alloc(POOL_BYTES), at: POOL_BYTES };

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** A UUIDv7 string, e.g. "0192f3c4-5a6b-7c8d-9e0f-1a2b3c4d5e6f". */
export function auditEventId(ms = Date.now()): string {
  if (pool.at + 10 > POOL_BYTES) {
    crypto.randomFillSync(pool.bytes);
    pool.at = 0;
  }
  const r = pool.bytes;
  const i = pool.at;
  pool.at += 10;
  const time = ms.toString(16).padStart(12, "0").slice(-12);
  return (
    `${time.slice(0, 8)}-${time.slice(8, 12)}-` +
    `7${HEX[r[i]!]!.slice(1)}${HEX[r[i + 1]!]}-` +
    `${HEX[(r[i + 2]! & 0x3f) | 0x80]}${HEX[r[i + 3]!]}-` +
    `${HEX[r[i + 4]!]}${HEX[r[i + 5]!]}${HEX[r[i + 6]!]}${HEX[r[i + 7]!]}${HEX[r[i + 8]!]}${HEX[r[i + 9]!]}`
  );
}
