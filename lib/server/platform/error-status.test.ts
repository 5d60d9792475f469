import { describe, expect, it } from "vitest";
import { consoleStatus, isServerFault, wireStatus } from "./error-status.ts";

// The statuses every error code of the console and the wire had when each throw chose its own; the
// table must keep them (a code missing from it falls back to 400, which is how a 401 once became 400).
describe("the error status table", () => {
  it("gives the console API the status each code has always had", () => {
    const expected: Record<string, number> = {
      Unauthenticated: 401,
      AuthenticationFailed: 401,
      AccessDeniedException: 403,
      CloudHsmAccessDeniedException: 403,
      NotFoundException: 404,
      CustomKeyStoreNotFoundException: 404,
      CloudHsmResourceNotFoundException: 404,
      NoSuchEntity: 404,
      EntityAlreadyExists: 409,
      LimitExceeded: 409,
      ThrottlingException: 429,
      UnsupportedMediaType: 415,
      ValidationException: 400,
      AlreadyExistsException: 400,
      UnsupportedOperationException: 400,
      KMSInvalidStateException: 400,
      KMSInternalException: 500,
      CloudHsmInternalFailureException: 500,
      InternalFailure: 500,
      DependencyTimeoutException: 503,
      RequestEntityTooLargeException: 413,
    };
    for (const [code, status] of Object.entries(expected)) expect([code, consoleStatus(code)]).toEqual([code, status]);
  });

  it("answers on the wire as KMS does: client errors 400, faults and protocol errors their own", () => {
    for (const code of ["NotFoundException", "AccessDeniedException", "ThrottlingException", "CustomKeyStoreNotFoundException"]) {
      expect([code, wireStatus(code)]).toEqual([code, 400]);
    }
    expect(wireStatus("KMSInternalException")).toBe(500);
    expect(wireStatus("DependencyTimeoutException")).toBe(503);
    expect(wireStatus("RequestEntityTooLargeException")).toBe(413);
    expect(isServerFault("KeyUnavailableException")).toBe(true);
    expect(isServerFault("NotFoundException")).toBe(false);
  });
});
