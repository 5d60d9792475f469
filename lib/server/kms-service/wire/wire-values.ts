import "server-only";
import { KmsError } from "./kms-error.ts";

// AWS JSON 1.1 value encodings (spec/kms-api.md §1.2): blobs are standard, padded base64 strings;
// timestamps are epoch seconds as JSON numbers (fractional allowed).

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * A blob member of a request (e.g. Plaintext, CiphertextBlob) → bytes. Missing → undefined.
 * Anything but a base64 string is a SerializationException, as the service's deserializer reports it.
 */
export function blobFromWire(value: unknown, member: string): Buffer | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || !BASE64.test(value)) {
    throw new KmsError("SerializationException", `Value for '${member}' is not valid base64-encoded binary data.`);
  }
  return Buffer.from(value, "base64");
}

export function blobToWire(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** A timestamp member of a request → Date. Accepts epoch seconds (number), as the SDKs send. */
export function timestampFromWire(value: unknown, member: string): Date | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new KmsError("SerializationException", `Value for '${member}' must be a timestamp in epoch seconds.`);
  }
  return new Date(value * 1000);
}

export function timestampToWire(date: Date): number {
  return date.getTime() / 1000;
}

/**
 * An operation's output → the JSON value to send: Uint8Array/Buffer → base64, Date → epoch seconds,
 * undefined and null members dropped (AWS omits absent members).
 */
export function toWireValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return blobToWire(value);
  if (value instanceof Date) return timestampToWire(value);
  if (Array.isArray(value)) return value.map(toWireValue);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || v === null) continue;
      out[k] = toWireValue(v);
    }
    return out;
  }
  return value;
}
