import { describe, expect, it } from "vitest";
import { parseTarget, serviceOfTarget } from "./aws-target.ts";
import { checkContentType, decodeJsonBody, encodeErrorBody, encodeJsonBody } from "./json-codec.ts";
import { wireStatus as errorStatus } from "@/lib/server/platform/error-status.ts";
import { KmsError } from "./kms-error.ts";
import { blobFromWire, timestampFromWire } from "./wire-values.ts";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return (e as KmsError).code;
  }
  return undefined;
}

describe("X-Amz-Target", () => {
  it("maps TrentService to kms and BaldrApiService to cloudhsm", () => {
    expect(parseTarget("TrentService.Encrypt")).toEqual({ service: "kms", operation: "Encrypt", key: "kms:Encrypt" });
    expect(parseTarget("BaldrApiService.DescribeClusters")?.key).toBe("cloudhsm:DescribeClusters");
    expect(serviceOfTarget("BaldrApiService.")).toBe("cloudhsm");
  });

  it("rejects anything else", () => {
    for (const t of [
      undefined,
      "",
      "TrentService",
      "TrentService.",
      "TrentService.encrypt",
      "Trent.Encrypt",
      "TrentService.A.B",
      "DynamoDB_20120810.GetItem",
    ]) {
      expect(parseTarget(t)).toBeUndefined();
    }
  });
});

describe("JSON 1.1 codec", () => {
  it("accepts application/x-amz-json-1.1 with parameters, nothing else", () => {
    expect(codeOf(() => checkContentType("application/x-amz-json-1.1"))).toBeUndefined();
    expect(codeOf(() => checkContentType("Application/X-Amz-Json-1.1; charset=utf-8"))).toBeUndefined();
    for (const ct of [undefined, "application/json", "application/x-amz-json-1.0", "text/plain"]) {
      expect(codeOf(() => checkContentType(ct))).toBe("UnknownOperationException");
    }
  });

  it("decodes a JSON object; an empty body is {}", () => {
    expect(decodeJsonBody(Buffer.from('{"KeyId":"k","N":1}'))).toEqual({ KeyId: "k", N: 1 });
    expect(decodeJsonBody(Buffer.alloc(0))).toEqual({});
    expect(decodeJsonBody(Buffer.from("  \n"))).toEqual({});
  });

  it("answers malformed or non-object JSON with SerializationException (400)", () => {
    for (const body of ["{", "[]", "null", '"x"', "1", "{'a':1}"]) {
      expect(codeOf(() => decodeJsonBody(Buffer.from(body)))).toBe("SerializationException");
    }
    expect(errorStatus("SerializationException")).toBe(400);
  });

  it("encodes blobs as base64, Dates as epoch seconds, and drops absent members", () => {
    const body = encodeJsonBody({
      Plaintext: Buffer.from([0, 255, 1]),
      Raw: new Uint8Array([104, 105]),
      CreationDate: new Date("2017-07-05T21:04:55.918Z"),
      Nested: [{ When: new Date(0), Gone: undefined, Null: null }],
      Truncated: false,
      Missing: undefined,
    });
    expect(JSON.parse(body.toString())).toEqual({
      Plaintext: "AP8B",
      Raw: "aGk=",
      CreationDate: 1499288695.918,
      Nested: [{ When: 0 }],
      Truncated: false,
    });
    expect(encodeJsonBody(undefined).toString()).toBe("{}");
  });

  it("writes errors as __type + message, Message for CloudHSM's modelled errors", () => {
    expect(JSON.parse(encodeErrorBody("kms", "NotFoundException", "m").toString())).toEqual({ __type: "NotFoundException", message: "m" });
    expect(JSON.parse(encodeErrorBody("cloudhsm", "CloudHsmInvalidRequestException", "m").toString())).toEqual({
      __type: "CloudHsmInvalidRequestException",
      Message: "m",
    });
    expect(JSON.parse(encodeErrorBody("cloudhsm", "InvalidSignatureException", "m").toString())).toEqual({
      __type: "InvalidSignatureException",
      message: "m",
    });
    // KMS's own CloudHsm* errors keep the lower-case member.
    expect(JSON.parse(encodeErrorBody("kms", "CloudHsmClusterNotActiveException", "m").toString())).toHaveProperty("message");
  });

  it("uses 400 for client errors, 500/503 for server faults", () => {
    for (const code of [
      "NotFoundException",
      "DisabledException",
      "KMSInvalidStateException",
      "AlreadyExistsException",
      "DryRunOperationException",
      "ThrottlingException",
      "CloudHsmResourceNotFoundException",
    ]) {
      expect(errorStatus(code)).toBe(400);
    }
    expect(errorStatus("KMSInternalException")).toBe(500);
    expect(errorStatus("KeyUnavailableException")).toBe(500);
    expect(errorStatus("CloudHsmInternalFailureException")).toBe(500);
    expect(errorStatus("DependencyTimeoutException")).toBe(503);
    expect(new KmsError("NotFoundException", "x", 404).wireStatus).toBe(404);
  });
});

describe("wire values", () => {
  it("decodes base64 blobs and refuses anything else", () => {
    expect(blobFromWire("AP8B", "Plaintext")).toEqual(Buffer.from([0, 255, 1]));
    expect(blobFromWire(undefined, "Plaintext")).toBeUndefined();
    for (const bad of ["AP8", "not base64!", 12, {}]) {
      expect(codeOf(() => blobFromWire(bad, "Plaintext"))).toBe("SerializationException");
    }
  });

  it("reads epoch-second timestamps", () => {
    expect(timestampFromWire(1499288695.918, "ValidTo")).toEqual(new Date("2017-07-05T21:04:55.918Z"));
    expect(codeOf(() => timestampFromWire("2017-07-05", "ValidTo"))).toBe("SerializationException");
  });
});
