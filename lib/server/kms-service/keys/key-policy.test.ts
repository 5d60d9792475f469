import { describe, expect, it } from "vitest";
import { checkPolicyLockout, defaultKeyPolicy, validateKeyPolicy } from "./key-policy.ts";

const caller = { principalArn: "arn:aws:iam::111122223333:user/alice", accountId: "111122223333" };
const policy = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const allow = (Principal: unknown, Action: unknown) => ({ Effect: "Allow", Principal, Action, Resource: "*" });

describe("key policies", () => {
  it("the default policy is valid and does not lock the account out", () => {
    expect(() => checkPolicyLockout(validateKeyPolicy(defaultKeyPolicy("111122223333")), caller)).not.toThrow();
  });

  it("rejects malformed documents with MalformedPolicyDocumentException", () => {
    for (const doc of [
      "nope",
      "[]",
      JSON.stringify({ Version: "2012-10-17" }),
      JSON.stringify({ Statement: [] }),
      JSON.stringify({ Version: "2020-01-01", Statement: [allow("*", "kms:*")] }),
      policy({ Effect: "Allow", Action: "kms:*" }),
      policy({ Effect: "Allow", Principal: "*" }),
      policy({ Effect: "Allow", Principal: { AWS: "alice" }, Action: "kms:*" }),
      policy({ Effect: "Allow", Principal: { Nobody: "x" }, Action: "kms:*" }),
      policy({ Effect: "Allow", Principal: "*", Action: "kms:*", Extra: 1 }),
      policy({ Effect: "Allow", Principal: "*", Action: "encrypt everything" }),
    ]) {
      expect(() => validateKeyPolicy(doc), doc).toThrow(expect.objectContaining({ code: "MalformedPolicyDocumentException" }));
    }
  });

  it("the lockout check wants kms:PutKeyPolicy for the caller, the account or everyone", () => {
    const ok = [
      policy(allow({ AWS: "111122223333" }, "kms:*")),
      policy(allow({ AWS: caller.principalArn }, ["kms:Put*"])),
      policy(allow("*", "kms:PutKeyPolicy")),
      policy({ Effect: "Allow", Principal: { AWS: "*" }, NotAction: "kms:Decrypt" }),
    ];
    for (const doc of ok) expect(() => checkPolicyLockout(validateKeyPolicy(doc), caller), doc).not.toThrow();
    const locked = [
      policy(allow({ AWS: "arn:aws:iam::111122223333:user/bob" }, "kms:*")),
      policy(allow({ AWS: "111122223333" }, "kms:Encrypt")),
      policy(allow("*", "kms:*"), { Effect: "Deny", Principal: "*", Action: "kms:PutKeyPolicy" }),
    ];
    for (const doc of locked) expect(() => checkPolicyLockout(validateKeyPolicy(doc), caller), doc).toThrow(/will not allow you to update/);
  });
});
