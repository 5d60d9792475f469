// The key-policy evaluator's rules that the HTTP matrix does not reach one by one: principal forms,
// NotAction / NotPrincipal / Resource, every condition operator and set prefix with present and
// missing keys, and fail-closed handling of operators this service does not know.
import { describe, expect, it } from "vitest";
import type { Caller } from "./caller.ts";
import { compileKeyPolicy } from "./compile-key-policy.ts";
import { evaluateKeyPolicy, type KeyPolicyVerdict } from "./evaluate-key-policy.ts";
import { conditionHolds } from "./policy-conditions.ts";

const ACCOUNT = "111122223333";
const alice: Caller = { principalArn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT, role: "viewer" };
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

function verdict(statement: object, action: `kms:${string}` = "kms:Encrypt", values: Record<string, string[]> = {}): KeyPolicyVerdict {
  const doc = JSON.stringify({ Version: "2012-10-17", Statement: [{ Resource: "*", ...statement }] });
  return evaluateKeyPolicy(compileKeyPolicy(doc), { caller: alice, action, keyArn: KEY, values: (k) => values[k] });
}
const outcome = (v: KeyPolicyVerdict) => (v.deniedBy ? "deny" : (v.allowed ?? "none"));

describe("statements", () => {
  it.each([
    ["*", "principal"],
    [{ AWS: "*" }, "principal"],
    [{ AWS: alice.principalArn }, "principal"],
    [{ AWS: [`arn:aws:iam::${ACCOUNT}:user/bob`, alice.principalArn] }, "principal"],
    [{ AWS: ACCOUNT }, "account"],
    [{ AWS: `arn:aws:iam::${ACCOUNT}:root` }, "account"],
    [{ AWS: "arn:aws:iam::444455556666:root" }, "none"],
    [{ AWS: `arn:aws:iam::${ACCOUNT}:user/bob` }, "none"],
    [{ AWS: `arn:aws:iam::${ACCOUNT}:role/alice` }, "none"],
    [{ Service: "ec2.amazonaws.com" }, "none"],
  ])("Principal %j → %s", (Principal, expected) => {
    expect(outcome(verdict({ Effect: "Allow", Principal, Action: "kms:*" }))).toBe(expected);
  });

  it.each([
    ["kms:*", "kms:Encrypt", true],
    ["kms:encrypt", "kms:Encrypt", true],
    ["kms:ReEncrypt*", "kms:ReEncryptFrom", true],
    ["kms:ReEncrypt*", "kms:Encrypt", false],
    ["kms:Describe*", "kms:DescribeKey", true],
    ["kms:Get?eyPolicy", "kms:GetKeyPolicy", true],
    ["*", "kms:Decrypt", true],
    ["kms:Decrypt", "kms:DecryptAll", false],
  ] as const)("Action %s covers %s: %s", (Action, action, covered) => {
    expect(outcome(verdict({ Effect: "Allow", Principal: "*", Action }, action))).toBe(covered ? "principal" : "none");
  });

  it("NotAction, NotPrincipal and Resource", () => {
    expect(outcome(verdict({ Effect: "Allow", Principal: "*", NotAction: "kms:Decrypt" }, "kms:Encrypt"))).toBe("principal");
    expect(outcome(verdict({ Effect: "Allow", Principal: "*", NotAction: "kms:Decrypt" }, "kms:Decrypt"))).toBe("none");
    expect(outcome(verdict({ Effect: "Deny", NotPrincipal: { AWS: alice.principalArn }, Action: "kms:*" }))).toBe("none");
    expect(outcome(verdict({ Effect: "Deny", NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` }, Action: "kms:*" }))).toBe("deny");
    expect(outcome(verdict({ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: KEY }))).toBe("principal");
    expect(outcome(verdict({ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "arn:aws:kms:*:*:key/other" }))).toBe("none");
  });

  it("a Deny beats every Allow; a principal Allow beats an account Allow", () => {
    const doc = (...Statement: object[]) => JSON.stringify({ Statement });
    const evaluate = (policy: string) =>
      outcome(evaluateKeyPolicy(compileKeyPolicy(policy), { caller: alice, action: "kms:Encrypt", keyArn: KEY, values: () => undefined }));
    const root = { Effect: "Allow", Principal: { AWS: ACCOUNT }, Action: "kms:*" };
    const mine = { Effect: "Allow", Principal: { AWS: alice.principalArn }, Action: "kms:Encrypt" };
    expect(evaluate(doc(root, mine))).toBe("principal");
    expect(evaluate(doc(mine, root))).toBe("principal");
    expect(evaluate(doc(root, mine, { Effect: "Deny", Principal: "*", Action: "kms:Encrypt" }))).toBe("deny");
    expect(evaluate("not a policy")).toBe("none");
  });
});

describe("conditions", () => {
  const values = (v: Record<string, string[]>) => (k: string) => v[k];
  const ctx = values({
    "kms:encryptioncontext:app": ["orders"],
    "kms:encryptioncontextkeys": ["app", "team"],
    "kms:calleraccount": [ACCOUNT],
  });
  it.each([
    [{ StringEquals: { "kms:EncryptionContext:app": "orders" } }, true],
    [{ StringEquals: { "KMS:ENCRYPTIONCONTEXT:APP": ["x", "orders"] } }, true],
    [{ StringEquals: { "kms:EncryptionContext:app": "Orders" } }, false],
    [{ StringEqualsIgnoreCase: { "kms:EncryptionContext:app": "ORDERS" } }, true],
    [{ StringNotEquals: { "kms:EncryptionContext:app": "orders" } }, false],
    [{ StringNotEquals: { "kms:EncryptionContext:dept": "it" } }, true],
    [{ StringEquals: { "kms:EncryptionContext:dept": "it" } }, false],
    [{ StringEqualsIfExists: { "kms:EncryptionContext:dept": "it" } }, true],
    [{ StringLike: { "kms:EncryptionContext:app": "ord*" } }, true],
    [{ StringNotLike: { "kms:EncryptionContext:app": "ord?rs" } }, false],
    [{ "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": ["team", "x"] } }, true],
    [{ "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": ["x"] } }, false],
    [{ "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["app", "team", "x"] } }, true],
    [{ "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["app"] } }, false],
    [{ "ForAllValues:StringEquals": { "kms:GrantOperations": ["Encrypt"] } }, true],
    [{ "ForAnyValue:StringEquals": { "kms:GrantOperations": ["Encrypt"] } }, false],
    [{ "ForAllValues:StringNotEquals": { "kms:EncryptionContextKeys": ["secret"] } }, true],
    [{ Null: { "kms:EncryptionContextKeys": "false" } }, true],
    [{ Null: { "kms:ViaService": "true" } }, true],
    [{ Null: { "kms:ViaService": false } }, false],
    [{ Bool: { "kms:GrantIsForAWSResource": true } }, false],
    [{ StringEquals: { "kms:CallerAccount": ACCOUNT }, StringLike: { "kms:EncryptionContext:app": "*" } }, true],
    [{ StringEquals: { "kms:CallerAccount": ACCOUNT }, StringLike: { "kms:EncryptionContext:app": "x*" } }, false],
    [{ ArnLike: { "kms:CallerAccount": "1111*" } }, true],
    [{ NumericLessThan: { "kms:CallerAccount": "2" } }, false],
    [{ NumericGreaterThan: { "kms:CallerAccount": "2" } }, true],
  ])("%j → %s", (condition, expected) => {
    expect(conditionHolds(condition, ctx)).toBe(expected);
  });

  it("an operator it does not know is 'unsupported': Allow does not apply, Deny does", () => {
    const ip = { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } };
    expect(conditionHolds(ip, ctx)).toBe("unsupported");
    expect(conditionHolds({ ...ip, StringEquals: { "kms:EncryptionContext:app": "x" } }, ctx)).toBe(false);
    expect(outcome(verdict({ Effect: "Allow", Principal: "*", Action: "kms:*", Condition: ip }))).toBe("none");
    expect(outcome(verdict({ Effect: "Deny", Principal: "*", Action: "kms:*", Condition: ip }))).toBe("deny");
  });
});
