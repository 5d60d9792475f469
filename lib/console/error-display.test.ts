import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-client.ts";
import { describeError, errorCodeLine } from "./error-display.ts";

// Store errors and key errors read the same way: friendly text, then the exception name and request ID.
describe("describeError", () => {
  it("a key store error: the safe message, then its exception name", () => {
    const d = describeError(new ApiError(400, "CustomKeyStoreInvalidStateException", "Disconnect the key store first.", "req-1"));
    expect(d.text).toBe("Disconnect the key store first.");
    expect(errorCodeLine(d)).toBe("CustomKeyStoreInvalidStateException · Request ID: req-1");
  });
  it("a key error: the console's explanation first, the server's message kept, the exception name after", () => {
    const d = describeError(new ApiError(400, "DisabledException", "arn:aws:kms:us-east-1:111122223333:key/k is disabled.", "req-2"));
    expect(d.text).toMatch(/The key is disabled/);
    expect(d.detail).toMatch(/is disabled\./);
    expect(d.code).toBe("DisabledException");
  });
  it("a browser error has text and no code", () => {
    expect(describeError(new Error("boom"))).toEqual({ text: "An unexpected error occurred in the browser." });
  });
});
