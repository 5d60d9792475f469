import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/server/platform/errors.ts";
import { sdkError } from "./sdk-error.ts";

const serviceError = (name: string, message: string, fault: "client" | "server" = "client", status = 400) =>
  Object.assign(new Error(message), { name, $fault: fault, $metadata: { httpStatusCode: status, requestId: "aws-1" } });

describe("sdkError", () => {
  it("keeps the service's error name and message, and points a form field at it", () => {
    const e = sdkError(serviceError("CustomKeyStoreNameInUseException", "The name x is in use."), {
      CustomKeyStoreNameInUseException: "customKeyStoreName",
    });
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({
      code: "CustomKeyStoreNameInUseException",
      safeMessage: "The name x is in use.",
      status: 400,
      fields: { customKeyStoreName: "The name x is in use." },
    });
  });

  it("answers not-found errors with 404 and server faults with 502", () => {
    expect(sdkError(serviceError("NotFoundException", "Key 'k' does not exist"))).toMatchObject({ status: 404 });
    expect(sdkError(serviceError("KMSInternalException", "internal", "server", 500))).toMatchObject({
      status: 502,
      code: "KMSInternalException",
    });
  });

  it("names an error whose message is empty (InvalidCiphertextException)", () => {
    expect(sdkError(serviceError("InvalidCiphertextException", ""))).toMatchObject({ safeMessage: "InvalidCiphertextException." });
  });

  it("rethrows anything that is not a service error (it becomes the generic 500)", () => {
    const bug = new TypeError("x is undefined");
    expect(sdkError(bug)).toBe(bug);
  });
});
