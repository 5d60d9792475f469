import "server-only";
import crypto from "node:crypto";

// AWS-shaped identifiers.
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** `prefix-` followed by `length` lowercase base32 characters, e.g. cluster-2fdvl5vk3xq, hsm-kx5t4yzjrqp. */
export function awsStyleId(prefix: string, length = 11): string {
  const bytes = crypto.randomBytes(length);
  let out = "";
  for (const b of bytes) out += BASE32[b % 32]!.toLowerCase();
  return `${prefix}-${out}`;
}

/** An access key id: AKIA + 16 base32 upper-case characters, as IAM issues. */
export function accessKeyId(): string {
  const bytes = crypto.randomBytes(16);
  let out = "AKIA";
  for (const b of bytes) out += BASE32[b % 32];
  return out;
}

export function uuid(): string {
  return crypto.randomUUID();
}
