import { describe, expect, it } from "vitest";
import { errorBody, safeErrorMessage, XKS_ERROR_STATUS, XksError } from "./errors.ts";

describe("XKS error names and statuses (spec §3)", () => {
  it("maps every error name of the spec's table to its HTTP status", () => {
    expect(XKS_ERROR_STATUS).toEqual({
      ValidationException: 400,
      InvalidStateException: 400,
      InvalidCiphertextException: 400,
      InvalidKeyUsageException: 400,
      AuthenticationFailedException: 401,
      AccessDeniedException: 403,
      KeyNotFoundException: 404,
      InvalidUriPathException: 404,
      MethodNotAllowedException: 405,
      ThrottlingException: 429,
      InternalException: 500,
      UnsupportedOperationException: 501,
      DependencyTimeoutException: 503,
    });
    expect(new XksError("InternalException", "x").status).toBe(500);
  });

  it("sends errorMessage as printable ASCII under 512 characters, never the internal detail", () => {
    expect(safeErrorMessage("caf\u00e9\n")).toBe("caf??");
    expect(safeErrorMessage("a".repeat(600))).toHaveLength(511);
    const body = JSON.parse(errorBody(new XksError("InternalException", "The HSM failed.", "CKR_DEVICE_ERROR at /some/path")));
    expect(body).toEqual({ errorName: "InternalException", errorMessage: "The HSM failed." });
  });
});
