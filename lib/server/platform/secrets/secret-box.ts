import "server-only";
import crypto from "node:crypto";
import { masterKey } from "./master-key.ts";

// Seals small secrets with AES-256-GCM under a key derived from the master key. The `context`
// (e.g. "access-key:AKIA…") is bound as AAD, so a sealed value cannot be moved to another row.
// Format: "v1.<iv>.<ciphertext+tag>" in base64url.
const VERSION = "v1";

function sealingKey(): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", masterKey(), Buffer.alloc(0), "keyhold/secret-box/v1", 32));
}

export function seal(plaintext: string | Buffer, context: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", sealingKey(), iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, iv.toString("base64url"), body.toString("base64url")].join(".");
}

export function openSealed(sealed: string, context: string): Buffer {
  const [version, ivText, bodyText] = sealed.split(".");
  if (version !== VERSION || !ivText || !bodyText) throw new Error("Sealed value has an unknown format");
  const body = Buffer.from(bodyText, "base64url");
  const decipher = crypto.createDecipheriv("aes-256-gcm", sealingKey(), Buffer.from(ivText, "base64url"));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
}

export function openSealedText(sealed: string, context: string): string {
  return openSealed(sealed, context).toString("utf8");
}
