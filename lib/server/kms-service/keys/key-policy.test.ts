import { describe, expect, it } from "vitest";
import { defaultKeyPolicy, validateKeyPolicy } from "./key-policy.ts";

const policy = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const allow = (Principal: unknown, Action: unknown) => ({ Effect: "Allow", Principal, Action, Resource: "*" });

describe("key policies", () => {
  it("the default policy is valid", () => {
    expect(validateKeyPolicy(defaultKeyPolicy("111122223333"))).toHaveLength(1);
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
});
