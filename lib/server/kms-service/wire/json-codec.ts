import "server-only";
import type { AwsService } from "./aws-target.ts";
import { KmsError } from "./kms-error.ts";
import { toWireValue } from "./wire-values.ts";

// AWS JSON 1.1 framing (spec/kms-api.md §1.2–1.3): one JSON object in, one JSON object out,
// errors as {"__type": "<ShapeName>", "message": "…"}.

export const JSON_CONTENT_TYPE = "application/x-amz-json-1.1";

/**
 * Content-Type must be application/x-amz-json-1.1 (parameters such as charset allowed). AWS JSON
 * services pick the protocol from it, and answer anything else with UnknownOperationException.
 */
export function checkContentType(value: string | undefined): void {
  const mediaType = value?.split(";", 1)[0]?.trim().toLowerCase();
  if (mediaType !== JSON_CONTENT_TYPE) {
    throw new KmsError("UnknownOperationException", `Content-Type must be ${JSON_CONTENT_TYPE}${value ? `, not '${value}'` : ""}.`);
  }
}

/** The request body → its top-level object. An empty body is `{}` (the protocol requires servers to accept it). */
export function decodeJsonBody(body: Buffer): Record<string, unknown> {
  const text = body.toString("utf8");
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KmsError("SerializationException", "The request body is not valid JSON.");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new KmsError("SerializationException", "The request body must be a JSON object.");
  }
  return parsed as Record<string, unknown>;
}

/** An operation's output → response body. Operations with no output answer `{}`. */
export function encodeJsonBody(output: unknown): Buffer {
  const value = output === undefined || output === null ? {} : toWireValue(output);
  return Buffer.from(JSON.stringify(value), "utf8");
}

/**
 * An error → response body. CloudHSM v2's modelled errors (CloudHsm*Exception) name their member
 * `Message`; KMS's and the protocol's use `message` (spec §1.3).
 */
export function encodeErrorBody(service: AwsService | undefined, code: string, message: string): Buffer {
  const member = service === "cloudhsm" && code.startsWith("CloudHsm") ? "Message" : "message";
  return Buffer.from(JSON.stringify({ __type: code, [member]: message }), "utf8");
}
