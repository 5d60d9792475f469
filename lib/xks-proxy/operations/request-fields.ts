import { XksError } from "../errors.ts";

// Reading an XKS request body: JSON object, requestMetadata with its required strings, other fields
// typed and base64 checked. A missing field, a wrong type or bad base64 is ValidationException; unknown
// fields (in requestMetadata or beside it) are ignored, as the spec requires of KMS's future additions.

export type JsonObject = Record<string, unknown>;

export function validation(message: string): XksError {
  return new XksError("ValidationException", message);
}

const JSON_CONTENT_TYPE = /^application\/(?:x-amz-)?json(?:-1\.[01])?\s*(?:;.*)?$/i;

export function parseJsonBody(contentType: string | undefined, body: Buffer): JsonObject {
  if (contentType === undefined || !JSON_CONTENT_TYPE.test(contentType.trim())) {
    throw validation("Content-Type must be application/json.");
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch {
    throw validation("The request body is not valid JSON.");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw validation("The request body must be a JSON object.");
  return parsed as JsonObject;
}

export type RequestMetadata = {
  kmsRequestId: string;
  kmsOperation: string;
  awsPrincipalArn?: string;
  kmsKeyArn?: string;
  kmsViaService?: string;
  awsSourceVpc?: string;
  awsSourceVpce?: string;
};

const METADATA_STRINGS = [
  "kmsRequestId",
  "kmsOperation",
  "awsPrincipalArn",
  "kmsKeyArn",
  "kmsViaService",
  "awsSourceVpc",
  "awsSourceVpce",
] as const;

/** requestMetadata with the named fields required; the known optional ones must be strings when present. */
export function requestMetadata(body: JsonObject, required: readonly (typeof METADATA_STRINGS)[number][]): RequestMetadata {
  const m = body.requestMetadata;
  if (typeof m !== "object" || m === null || Array.isArray(m)) throw validation("requestMetadata is required and must be an object.");
  const meta = m as JsonObject;
  const out: Record<string, string> = {};
  for (const name of METADATA_STRINGS) {
    const v = meta[name];
    if (v === undefined || v === null) {
      if (required.includes(name)) throw validation(`requestMetadata.${name} is required.`);
      continue;
    }
    // Opaque values (spec: kmsRequestId is not validated structurally; unknown kmsOperation values are accepted).
    if (typeof v !== "string") throw validation(`requestMetadata.${name} must be a string.`);
    out[name] = v;
  }
  return out as RequestMetadata;
}

/** A base64 field as sent (not decoded yet): undefined when absent and optional. */
export function base64Text(body: JsonObject, name: string, required: boolean): string | undefined {
  const v = body[name];
  if (v === undefined || v === null) {
    if (required) throw validation(`${name} is required.`);
    return undefined;
  }
  if (typeof v !== "string") throw validation(`${name} must be a base64 string.`);
  return v;
}

/** Standard base64 (RFC 4648 §4, padded), decoded; anything else is ValidationException. */
export function decodeBase64(name: string, text: string): Buffer {
  const bytes = Buffer.from(text, "base64");
  // Buffer.from skips characters it does not know: a round trip catches those and URL-safe or unpadded text.
  if (bytes.toString("base64") !== text) throw validation(`${name} is not valid base64.`);
  return bytes;
}

export function encryptionAlgorithm(body: JsonObject): void {
  const v = body.encryptionAlgorithm;
  if (v === undefined || v === null) throw validation("encryptionAlgorithm is required.");
  if (v !== "AES_GCM") throw validation("encryptionAlgorithm must be AES_GCM.");
}

export function integrityAlgorithm(body: JsonObject): boolean {
  const v = body.ciphertextDataIntegrityValueAlgorithm;
  if (v === undefined || v === null) return false;
  if (v !== "SHA_256") throw validation("ciphertextDataIntegrityValueAlgorithm must be SHA_256.");
  return true;
}
