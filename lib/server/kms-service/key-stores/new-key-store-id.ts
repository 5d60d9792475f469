import "server-only";
import crypto from "node:crypto";

/** A custom key store id as KMS issues them: "cks-" and 17 lowercase hex digits (cks-1234567890abcdef0). */
export function newKeyStoreId(): string {
  return `cks-${crypto.randomBytes(9).toString("hex").slice(0, 17)}`;
}
