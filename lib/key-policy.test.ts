import { describe, expect, it } from "vitest";
import { keyPolicyProblem, ZCreateKeyRequest } from "@/lib/schemas/keys.ts";
import { buildKeyPolicy } from "./key-policy.ts";

const admin = "arn:aws:iam::111122223333:user/admin";

describe("buildKeyPolicy", () => {
  it("always keeps the account root statement, so the key stays manageable", () => {
    const doc = JSON.parse(
      buildKeyPolicy({ accountId: "111122223333", keyAdministrators: [], allowAdminsToDelete: false, keyUsers: [], otherAccounts: [] }),
    );
    expect(doc.Statement).toHaveLength(1);
    expect(doc.Statement[0]).toMatchObject({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*" });
  });

  it("gives administrators deletion rights only when allowed, and users the cryptographic actions", () => {
    const build = (allowAdminsToDelete: boolean) =>
      JSON.parse(
        buildKeyPolicy({
          accountId: "111122223333",
          keyAdministrators: [admin],
          allowAdminsToDelete,
          keyUsers: [admin],
          otherAccounts: ["444455556666"],
        }),
      );
    const withDelete = build(true).Statement[1].Action as string[];
    const withoutDelete = build(false).Statement[1].Action as string[];
    expect(withDelete).toContain("kms:ScheduleKeyDeletion");
    expect(withoutDelete).not.toContain("kms:ScheduleKeyDeletion");
    const use = build(true).Statement[2];
    expect(use.Principal.AWS).toEqual([admin, "arn:aws:iam::444455556666:root"]);
    expect(use.Action).toContain("kms:Decrypt");
  });

  it("produces a policy the wizard's own validation accepts", () => {
    const policy = buildKeyPolicy({
      accountId: "111122223333",
      keyAdministrators: [admin],
      allowAdminsToDelete: true,
      keyUsers: [],
      otherAccounts: [],
    });
    expect(keyPolicyProblem(policy)).toBeNull();
    expect(ZCreateKeyRequest.safeParse({ origin: "AWS_KMS", alias: "x", description: "", tags: [], policy }).success).toBe(true);
  });
});

describe("keyPolicyProblem", () => {
  it.each([
    ["{", /not valid JSON/],
    ["[]", /must be a JSON object/],
    ['{"Statement": []}', /at least one statement/],
    ['{"Statement": [{"Effect": "Maybe", "Principal": "*", "Action": "kms:*"}]}', /Effect/],
    ['{"Statement": [{"Effect": "Allow", "Action": "kms:*"}]}', /Principal/],
  ])("%s", (text, problem) => {
    expect(keyPolicyProblem(text)).toMatch(problem);
  });
});
