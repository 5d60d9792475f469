// Grants over HTTP with the real SDK against the real local service: CreateGrant (operations,
// grantee and retiring principals, constraints, Name idempotency, tokens usable at once),
// ListGrants / ListRetirableGrants (filters, paging), RetireGrant (token or key + grant ID, by whom),
// RevokeGrant, the modelled errors, key states, a key in a CloudHSM key store, and the audit log.
import { beforeAll, describe, expect, it } from "vitest";
import {
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  ListGrantsCommand,
  ListRetirableGrantsCommand,
  RetireGrantCommand,
  RevokeGrantCommand,
  ScheduleKeyDeletionCommand,
  CancelKeyDeletionCommand,
  type CreateGrantCommandInput,
  type RetireGrantCommandInput,
  type GrantOperation,
} from "@aws-sdk/client-kms";
import { flushAuditEvents } from "@/lib/server/platform/audit/audit-writer.ts";
import { db } from "@/lib/server/platform/db.ts";
import { createTestKeyStore, disconnectTestKeyStore } from "@/test/local-kms-real-service.ts";
import { ACCOUNT_ID, useLocalKms } from "@/test/local-kms-server.ts";
import { kmsUser, type KmsUser } from "@/test/kms-users.ts";
import { failure } from "@/test/sdk-failure.ts";

const service = useLocalKms("grants");
const kms = () => service.kms; // dave, an administrator
const ROOT = `arn:aws:iam::${ACCOUNT_ID}:root`;
let gus: KmsUser; // viewer, grantee
let rita: KmsUser; // viewer, retiring principal
let vera: KmsUser; // viewer, nobody in particular

const text = Buffer.from("hello");
async function newKey(): Promise<{ id: string; arn: string }> {
  const md = (await kms().send(new CreateKeyCommand({}))).KeyMetadata!;
  return { id: md.KeyId!, arn: md.Arn! };
}
async function grant(keyId: string, input: Partial<CreateGrantCommandInput> = {}) {
  return kms().send(new CreateGrantCommand({ KeyId: keyId, GranteePrincipal: gus.arn, Operations: ["Encrypt", "Decrypt"], ...input }));
}
const denied = (
  who: KmsUser,
  action: string,
  keyArn: string,
  why = "because no identity-based policy allows the " + action + " action",
) => ({
  name: "AccessDeniedException",
  message: `User: ${who.arn} is not authorized to perform: ${action} on resource: ${keyArn} ${why}`,
  status: 400,
});

beforeAll(async () => {
  gus = await kmsUser(service, "gus", "viewer");
  rita = await kmsUser(service, "rita", "viewer");
  vera = await kmsUser(service, "vera", "viewer");
});

describe("CreateGrant", () => {
  it("returns a grant ID and a token; the grantee may use the key at once, with or without the token", async () => {
    const key = await newKey();
    // A viewer cannot encrypt under the default policy (the account statement, and viewers may not).
    expect(await failure(gus.kms.send(new EncryptCommand({ KeyId: key.id, Plaintext: text })))).toEqual(
      denied(gus, "kms:Encrypt", key.arn),
    );
    const { GrantId, GrantToken } = await grant(key.id);
    expect(GrantId).toMatch(/^[0-9a-f]{64}$/);
    expect(GrantToken!.length).toBeGreaterThan(20);
    const { CiphertextBlob } = await gus.kms.send(new EncryptCommand({ KeyId: key.id, Plaintext: text, GrantTokens: [GrantToken!] }));
    expect(Buffer.from((await gus.kms.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString()).toBe("hello");
    // Not in the grant.
    expect(await failure(gus.kms.send(new DescribeKeyCommand({ KeyId: key.id, GrantTokens: [GrantToken!] })))).toBeUndefined();
  });

  it("GrantTokens must be tokens of this service on every operation that takes them", async () => {
    const key = await newKey();
    const invalid = {
      name: "InvalidGrantTokenException",
      message: "The request was rejected because the specified grant token is not valid.",
      status: 400,
    };
    expect(await failure(kms().send(new EncryptCommand({ KeyId: key.id, Plaintext: text, GrantTokens: ["not-a-token"] })))).toEqual(
      invalid,
    );
    expect(await failure(kms().send(new DescribeKeyCommand({ KeyId: key.id, GrantTokens: ["AQ"] })))).toEqual(invalid);
    expect(await failure(grant(key.id, { GrantTokens: ["x".repeat(66)] }))).toEqual(invalid);
  });

  it("lists the grant as KMS does: key ARN, issuing account, operations, constraints, name, principals", async () => {
    const key = await newKey();
    const before = Math.floor(Date.now() / 1000);
    const { GrantId } = await grant(key.id, {
      Name: "orders-app",
      RetiringPrincipal: rita.arn,
      Constraints: { EncryptionContextEquals: { app: "orders" } },
      Operations: ["Decrypt", "RetireGrant", "Decrypt"],
    });
    const { Grants, Truncated } = await kms().send(new ListGrantsCommand({ KeyId: key.arn }));
    expect(Truncated).toBe(false);
    expect(Grants).toEqual([
      {
        KeyId: key.arn,
        GrantId,
        Name: "orders-app",
        CreationDate: expect.any(Date),
        GranteePrincipal: gus.arn,
        RetiringPrincipal: rita.arn,
        IssuingAccount: ROOT,
        Operations: ["Decrypt", "RetireGrant"],
        Constraints: { EncryptionContextEquals: { app: "orders" } },
      },
    ]);
    expect(Math.floor(Grants![0]!.CreationDate!.getTime() / 1000)).toBeGreaterThanOrEqual(before - 1);
  });

  it("with a Name and the same parameters returns the same grant (a new token); other parameters make a new grant", async () => {
    const key = await newKey();
    const a = await grant(key.id, { Name: "retry-me", Operations: ["Encrypt", "Decrypt"] });
    const b = await grant(key.id, { Name: "retry-me", Operations: ["Decrypt", "Encrypt"] });
    expect(b.GrantId).toBe(a.GrantId);
    expect(b.GrantToken).not.toBe(a.GrantToken);
    const c = await grant(key.id, { Name: "retry-me", Operations: ["Encrypt"] });
    expect(c.GrantId).not.toBe(a.GrantId);
    const d = await grant(key.id, { Operations: ["Encrypt", "Decrypt"] });
    expect(d.GrantId).not.toBe(a.GrantId);
    expect((await kms().send(new ListGrantsCommand({ KeyId: key.id }))).Grants).toHaveLength(3);
  });

  it("validates its members with the modelled errors", async () => {
    const key = await newKey();
    const cases: Array<[Partial<CreateGrantCommandInput>, string, string | RegExp]> = [
      [{ Operations: [] }, "ValidationException", "Operations must name at least one grant operation."],
      [
        { Operations: ["Sign"] },
        "ValidationException",
        "Grant operations Sign are not valid for a KMS key with key spec SYMMETRIC_DEFAULT and key usage ENCRYPT_DECRYPT.",
      ],
      [
        { Operations: ["Everything" as GrantOperation] },
        "ValidationException",
        /at 'operations.1.member' failed to satisfy constraint: Member must satisfy enum value set/,
      ],
      [
        { GranteePrincipal: undefined },
        "ValidationException",
        "You must specify either GranteePrincipal or GranteeServicePrincipal, but not both.",
      ],
      [
        { GranteeServicePrincipal: "ec2.amazonaws.com" },
        "ValidationException",
        "You must specify either GranteePrincipal or GranteeServicePrincipal, but not both.",
      ],
      [
        { GranteePrincipal: "bob" },
        "InvalidArnException",
        "The request was rejected because a specified ARN, or an ARN in a key policy, is not valid.",
      ],
      [
        { RetiringPrincipal: "arn:aws:s3:::bucket" },
        "InvalidArnException",
        "The request was rejected because a specified ARN, or an ARN in a key policy, is not valid.",
      ],
      [
        { Constraints: { EncryptionContextEquals: { a: "1" }, EncryptionContextSubset: { b: "2" } } },
        "ValidationException",
        "A grant constraint can be EncryptionContextEquals or EncryptionContextSubset, not both.",
      ],
      [
        { Constraints: { EncryptionContextSubset: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, "v"])) } },
        "ValidationException",
        "An encryption context grant constraint can include at most 8 pairs.",
      ],
      [
        { Name: "no spaces" },
        "ValidationException",
        /at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      ],
      [{ KeyId: "alias/nope" }, "NotFoundException", "Invalid keyId 'alias/nope'"],
    ];
    for (const [input, name, message] of cases) {
      const f = await failure(
        kms().send(new CreateGrantCommand({ KeyId: key.id, GranteePrincipal: gus.arn, Operations: ["Encrypt"], ...input })),
      );
      expect(f?.name, JSON.stringify(input)).toBe(name);
      if (typeof message === "string") expect(f?.message).toBe(message);
      else expect(f?.message).toMatch(message);
    }
    expect(await db().keyGrant.count({ where: { keyId: key.id } })).toBe(0);
  });

  it("follows the key-state table: Disabled → DisabledException, PendingDeletion → KMSInvalidStateException; DryRun", async () => {
    const key = await newKey();
    await kms().send(new DisableKeyCommand({ KeyId: key.id }));
    expect(await failure(grant(key.id))).toEqual({ name: "DisabledException", message: `${key.arn} is disabled.`, status: 400 });
    await kms().send(new ScheduleKeyDeletionCommand({ KeyId: key.id, PendingWindowInDays: 7 }));
    expect(await failure(grant(key.id))).toEqual({
      name: "KMSInvalidStateException",
      message: `${key.arn} is pending deletion.`,
      status: 400,
    });
    await kms().send(new CancelKeyDeletionCommand({ KeyId: key.id }));
    await kms().send(new EnableKeyCommand({ KeyId: key.id }));
    expect(await failure(grant(key.id, { DryRun: true }))).toEqual({
      name: "DryRunOperationException",
      message: "The request would have succeeded, but the DryRun option is set.",
      status: 400,
    });
    expect(await db().keyGrant.count({ where: { keyId: key.id } })).toBe(0);
  });

  it("a grant that allows CreateGrant lets its grantee make only narrower grants", async () => {
    const key = await newKey();
    await grant(key.id, { Operations: ["Encrypt", "Decrypt", "CreateGrant"], Constraints: { EncryptionContextSubset: { app: "orders" } } });
    const child = (input: Partial<CreateGrantCommandInput>) =>
      gus.kms.send(new CreateGrantCommand({ KeyId: key.id, GranteePrincipal: vera.arn, Operations: ["Decrypt"], ...input }));
    expect(await failure(child({ Constraints: { EncryptionContextSubset: { app: "orders", team: "a" } } }))).toBeUndefined();
    expect(await failure(child({ Constraints: { EncryptionContextEquals: { app: "orders" } } }))).toBeUndefined();
    const refused = denied(gus, "kms:CreateGrant", key.arn);
    expect(await failure(child({}))).toEqual(refused); // no constraint: wider
    expect(await failure(child({ Constraints: { EncryptionContextSubset: { app: "billing" } } }))).toEqual(refused);
    expect(await failure(child({ Operations: ["GenerateDataKey"], Constraints: { EncryptionContextSubset: { app: "orders" } } }))).toEqual(
      refused,
    );
  });
});

describe("ListGrants and ListRetirableGrants", () => {
  it("filter by GrantId and GranteePrincipal, page with Limit and Marker, and refuse a bad marker or grant ID", async () => {
    const key = await newKey();
    const ids = [];
    for (const grantee of [gus.arn, rita.arn, gus.arn]) ids.push((await grant(key.id, { GranteePrincipal: grantee })).GrantId!);
    const seen: string[] = [];
    let Marker: string | undefined;
    do {
      const page = await kms().send(new ListGrantsCommand({ KeyId: key.id, Limit: 1, Marker }));
      expect(page.Grants).toHaveLength(1);
      seen.push(page.Grants![0]!.GrantId!);
      Marker = page.Truncated ? page.NextMarker : undefined;
    } while (Marker);
    expect(seen).toEqual(ids);
    expect((await kms().send(new ListGrantsCommand({ KeyId: key.id, GrantId: ids[1] }))).Grants!.map((g) => g.GrantId)).toEqual([ids[1]]);
    expect((await kms().send(new ListGrantsCommand({ KeyId: key.id, GranteePrincipal: gus.arn }))).Grants!.map((g) => g.GrantId)).toEqual([
      ids[0],
      ids[2],
    ]);
    expect((await failure(kms().send(new ListGrantsCommand({ KeyId: key.id, Marker: "bogus" }))))?.name).toBe("InvalidMarkerException");
    expect(await failure(kms().send(new ListGrantsCommand({ KeyId: key.id, GrantId: "short" })))).toEqual({
      name: "InvalidGrantIdException",
      message: "The request was rejected because the specified GrantId is not valid.",
      status: 400,
    });
    // A viewer may list (kms:ListGrants is a read under the account statement).
    expect((await vera.kms.send(new ListGrantsCommand({ KeyId: key.id }))).Grants).toHaveLength(3);
  });

  it("ListRetirableGrants finds a retiring principal's grants on every key; the role alone authorises it", async () => {
    const [k1, k2] = [await newKey(), await newKey()];
    const g1 = (await grant(k1.id, { RetiringPrincipal: rita.arn })).GrantId;
    const g2 = (await grant(k2.id, { RetiringPrincipal: rita.arn })).GrantId;
    await grant(k2.id, { RetiringPrincipal: vera.arn });
    const { Grants } = await rita.kms.send(new ListRetirableGrantsCommand({ RetiringPrincipal: rita.arn }));
    expect(Grants!.filter((g) => [k1.arn, k2.arn].includes(g.KeyId!)).map((g) => [g.KeyId, g.GrantId])).toEqual([
      [k1.arn, g1],
      [k2.arn, g2],
    ]);
    expect((await failure(rita.kms.send(new ListRetirableGrantsCommand({}))))?.name).toBe("ValidationException");
  });
});

describe("RetireGrant and RevokeGrant", () => {
  it("the retiring principal retires by token; the grant stops working at once", async () => {
    const key = await newKey();
    const { GrantToken, GrantId } = await grant(key.id, { RetiringPrincipal: rita.arn });
    await gus.kms.send(new EncryptCommand({ KeyId: key.id, Plaintext: text }));
    expect(await failure(vera.kms.send(new RetireGrantCommand({ GrantToken })))).toEqual(
      denied(vera, "kms:RetireGrant", key.arn, "because no resource-based policy allows the kms:RetireGrant action"),
    );
    await rita.kms.send(new RetireGrantCommand({ GrantToken }));
    expect(await failure(gus.kms.send(new EncryptCommand({ KeyId: key.id, Plaintext: text })))).toEqual(
      denied(gus, "kms:Encrypt", key.arn),
    );
    expect(await failure(rita.kms.send(new RetireGrantCommand({ GrantToken })))).toEqual({
      name: "NotFoundException",
      message: `Grant ID ${GrantId} not found`,
      status: 400,
    });
  });

  it("the grantee retires by key and grant ID when the grant allows RetireGrant; the account (its administrators) may too", async () => {
    const key = await newKey();
    const plain = (await grant(key.id)).GrantId!;
    const retirable = (await grant(key.id, { Operations: ["Encrypt", "RetireGrant"] })).GrantId!;
    expect((await failure(gus.kms.send(new RetireGrantCommand({ KeyId: key.arn, GrantId: plain }))))?.name).toBe("AccessDeniedException");
    await gus.kms.send(new RetireGrantCommand({ KeyId: key.arn, GrantId: retirable }));
    await kms().send(new RetireGrantCommand({ KeyId: key.id, GrantId: plain }));
    expect((await kms().send(new ListGrantsCommand({ KeyId: key.id }))).Grants).toEqual([]);
  });

  it("RetireGrant names its grant by a valid token or by key and grant ID", async () => {
    const key = await newKey();
    const cases: Array<[RetireGrantCommandInput, string]> = [
      [{}, "ValidationException"],
      [{ GrantId: "0".repeat(64) }, "ValidationException"],
      [{ GrantToken: "garbage!" }, "InvalidGrantTokenException"],
      [{ KeyId: key.id, GrantId: "nope" }, "InvalidGrantIdException"],
      [{ KeyId: key.id, GrantId: "0".repeat(64) }, "NotFoundException"],
    ];
    for (const [input, name] of cases)
      expect((await failure(kms().send(new RetireGrantCommand(input))))?.name, JSON.stringify(input)).toBe(name);
  });

  it("RevokeGrant: kms:RevokeGrant on the key's policy, in any key state; DryRun; unknown and malformed grant IDs", async () => {
    const key = await newKey();
    const { GrantId } = await grant(key.id);
    expect(await failure(vera.kms.send(new RevokeGrantCommand({ KeyId: key.id, GrantId })))).toEqual(
      denied(vera, "kms:RevokeGrant", key.arn),
    );
    expect((await failure(kms().send(new RevokeGrantCommand({ KeyId: key.id, GrantId, DryRun: true }))))?.name).toBe(
      "DryRunOperationException",
    );
    await kms().send(new DisableKeyCommand({ KeyId: key.id }));
    await kms().send(new RevokeGrantCommand({ KeyId: key.id, GrantId }));
    expect((await kms().send(new ListGrantsCommand({ KeyId: key.id }))).Grants).toEqual([]);
    expect(await failure(kms().send(new RevokeGrantCommand({ KeyId: key.id, GrantId })))).toEqual({
      name: "NotFoundException",
      message: `Grant ID ${GrantId} not found`,
      status: 400,
    });
    expect((await failure(kms().send(new RevokeGrantCommand({ KeyId: key.id, GrantId: "x" }))))?.name).toBe("InvalidGrantIdException");
  });
});

describe("grants in a CloudHSM key store, and in the audit log", () => {
  it("work for a key in a custom key store, also while it is Unavailable", async () => {
    const store = await createTestKeyStore();
    const md = (await kms().send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: store.storeId }))).KeyMetadata!;
    await grant(md.KeyId!, { Operations: ["Encrypt"] });
    await gus.kms.send(new EncryptCommand({ KeyId: md.KeyId, Plaintext: text }));
    await disconnectTestKeyStore(store.storeId);
    const { GrantId } = await grant(md.KeyId!, { Operations: ["Decrypt"] });
    expect((await kms().send(new ListGrantsCommand({ KeyId: md.KeyId }))).Grants!.map((g) => g.GrantId)).toContain(GrantId);
    await kms().send(new RevokeGrantCommand({ KeyId: md.KeyId, GrantId }));
  });

  it("records grant operations like every other operation", async () => {
    const key = await newKey();
    const created = await grant(key.id, { Name: "audited" });
    await kms().send(new RevokeGrantCommand({ KeyId: key.id, GrantId: created.GrantId }));
    await flushAuditEvents();
    const rows = await db().auditEvent.findMany({
      where: { resources: { contains: key.arn }, eventName: { in: ["CreateGrant", "RevokeGrant"] } },
    });
    expect(rows.map((r) => [r.eventName, r.errorCode, JSON.parse(r.requestParameters!)])).toEqual([
      ["CreateGrant", null, { KeyId: key.id, GranteePrincipal: gus.arn, Operations: ["Encrypt", "Decrypt"], Name: "audited" }],
      ["RevokeGrant", null, { KeyId: key.id, GrantId: created.GrantId }],
    ]);
  });
});
