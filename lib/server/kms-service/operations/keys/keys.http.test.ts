// The key operations over HTTP with the real @aws-sdk/client-kms against the real local service:
// SQLite and SoftHSM in this file's temp data dir, a real local CloudHSM cluster behind the key store.
import { beforeAll, describe, expect, it } from "vitest";
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateKeyDescriptionCommand,
  type KMSClient,
} from "@aws-sdk/client-kms";
import { deleteHsm } from "@/lib/server/hsm/clusters/delete-hsm.ts";
import { DEFAULT_TOKEN_LABEL } from "@/lib/server/hsm/clusters/ensure-default-token.ts";
import { listClusterKeyLabels } from "@/lib/server/hsm/clusters/list-cluster-key-labels.ts";
import { db } from "@/lib/server/platform/db.ts";
import { hasKey } from "@/lib/server/hsm/keys.ts";
import { createTestKeyStore, connectTestKeyStore, disconnectTestKeyStore, type TestKeyStore } from "@/test/local-kms-real-service.ts";
import { ACCOUNT_ID, PRINCIPAL_ARN, REGION, useLocalKms } from "@/test/local-kms-server.ts";
import { failure } from "@/test/sdk-failure.ts";

const service = useLocalKms("kms-keys");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ROOT = `arn:aws:iam::${ACCOUNT_ID}:root`;
let kms: KMSClient;
let store: TestKeyStore;

beforeAll(async () => {
  ({ kms } = service);
  store = await createTestKeyStore();
});

async function newKey(input: ConstructorParameters<typeof CreateKeyCommand>[0] = {}) {
  return (await kms.send(new CreateKeyCommand(input))).KeyMetadata!;
}

async function storeKey() {
  return newKey({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: store.storeId });
}

describe("CreateKey", () => {
  it("AWS_KMS: a symmetric key whose material is in the default token; every KeyMetadata member", async () => {
    const before = Date.now() / 1000;
    const md = await newKey({ Description: "orders", Tags: [{ TagKey: "team", TagValue: "payments" }] });
    expect(md.KeyId).toMatch(UUID);
    expect(md).toMatchObject({
      AWSAccountId: ACCOUNT_ID,
      Arn: `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${md.KeyId}`,
      Enabled: true,
      Description: "orders",
      KeyUsage: "ENCRYPT_DECRYPT",
      KeyState: "Enabled",
      Origin: "AWS_KMS",
      KeyManager: "CUSTOMER",
      CustomerMasterKeySpec: "SYMMETRIC_DEFAULT",
      KeySpec: "SYMMETRIC_DEFAULT",
      EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
      MultiRegion: false,
    });
    expect(md.CurrentKeyMaterialId).toMatch(/^[0-9a-f]{64}$/);
    expect(md.CreationDate!.getTime() / 1000).toBeGreaterThanOrEqual(Math.floor(before));
    for (const absent of [
      "CustomKeyStoreId",
      "CloudHsmClusterId",
      "DeletionDate",
      "ValidTo",
      "ExpirationModel",
      "XksKeyConfiguration",
      "PendingDeletionWindowInDays",
    ]) {
      expect(md).not.toHaveProperty(absent);
    }
    expect(hasKey(DEFAULT_TOKEN_LABEL, md.Arn!)).toBe(true);
    const tags = await kms.send(new ListResourceTagsCommand({ KeyId: md.KeyId }));
    expect(tags.Tags).toEqual([{ TagKey: "team", TagValue: "payments" }]);
  });

  it("AWS_CLOUDHSM: material labelled with the key ARN on every active HSM of the store's cluster", async () => {
    const md = await storeKey();
    expect(md).toMatchObject({
      Origin: "AWS_CLOUDHSM",
      KeyState: "Enabled",
      CustomKeyStoreId: store.storeId,
      CloudHsmClusterId: store.clusterId,
    });
    const inventory = await listClusterKeyLabels({ clusterId: store.clusterId });
    expect(inventory).toHaveLength(2);
    for (const hsm of inventory) expect(hsm.labels).toContain(md.Arn);
  });

  it("gives a key the AWS default key policy when none is given", async () => {
    const md = await newKey();
    const got = await kms.send(new GetKeyPolicyCommand({ KeyId: md.KeyId, PolicyName: "default" }));
    expect(got.PolicyName).toBe("default");
    const policy = JSON.parse(got.Policy!);
    expect(policy.Statement).toEqual([
      { Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" },
    ]);
  });

  it("refuses what a custom key store cannot hold with UnsupportedOperationException", async () => {
    const inStore = { Origin: "AWS_CLOUDHSM" as const, CustomKeyStoreId: store.storeId };
    for (const extra of [
      { KeySpec: "RSA_2048" as const, KeyUsage: "SIGN_VERIFY" as const },
      { KeySpec: "HMAC_256" as const, KeyUsage: "GENERATE_VERIFY_MAC" as const },
      { MultiRegion: true },
    ]) {
      expect((await failure(kms.send(new CreateKeyCommand({ ...inStore, ...extra }))))?.name).toBe("UnsupportedOperationException");
    }
    const imported = await failure(kms.send(new CreateKeyCommand({ Origin: "EXTERNAL", CustomKeyStoreId: store.storeId })));
    expect(imported).toMatchObject({ name: "UnsupportedOperationException", status: 400 });
    expect((await failure(kms.send(new CreateKeyCommand({ Origin: "EXTERNAL" }))))?.name).toBe("UnsupportedOperationException");
    expect(
      (await failure(kms.send(new CreateKeyCommand({ Origin: "EXTERNAL_KEY_STORE", CustomKeyStoreId: store.storeId, XksKeyId: "k1" }))))
        ?.name,
    ).toBe("UnsupportedOperationException");
    expect(await db().kmsKey.count({ where: { origin: { not: "AWS_KMS" }, customKeyStoreId: null } })).toBe(0);
  });

  it("validates members, enums and combinations (ValidationException)", async () => {
    const bad = await failure(kms.send(new CreateKeyCommand({ KeyUsage: "NOPE" as never })));
    expect(bad).toMatchObject({ name: "ValidationException", status: 400 });
    expect(bad!.message).toBe(
      "1 validation error detected: Value 'NOPE' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: [SIGN_VERIFY, ENCRYPT_DECRYPT, GENERATE_VERIFY_MAC, KEY_AGREEMENT]",
    );
    const two = await failure(kms.send(new CreateKeyCommand({ Description: "x".repeat(8193), CustomKeyStoreId: "" })));
    expect(two?.message).toMatch(/^2 validation errors detected: .*'description'.*; .*'customKeyStoreId'/);
    expect(
      (await failure(kms.send(new CreateKeyCommand({ KeySpec: "SYMMETRIC_DEFAULT", CustomerMasterKeySpec: "SYMMETRIC_DEFAULT" }))))?.name,
    ).toBe("ValidationException");
    expect((await failure(kms.send(new CreateKeyCommand({ KeyUsage: "SIGN_VERIFY" }))))?.name).toBe("ValidationException");
    expect((await failure(kms.send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM" }))))?.name).toBe("ValidationException");
    expect((await failure(kms.send(new CreateKeyCommand({ XksKeyId: "abc" }))))?.name).toBe("ValidationException");
  });

  it("checks the store: unknown, not CONNECTED, too few HSMs in different AZs", async () => {
    expect(
      await failure(kms.send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: "cks-00000000000000000" }))),
    ).toMatchObject({
      name: "CustomKeyStoreNotFoundException",
    });
    const disconnected = await createTestKeyStore({ connect: false });
    expect(await failure(kms.send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: disconnected.storeId })))).toMatchObject(
      {
        name: "CustomKeyStoreInvalidStateException",
      },
    );
    // A store's cluster that lost one of its two HSMs.
    const oneAz = await createTestKeyStore();
    const [firstHsm] = await db().hsm.findMany({ where: { clusterId: oneAz.clusterId, state: "ACTIVE" } });
    await deleteHsm({ clusterId: oneAz.clusterId, hsmId: firstHsm!.id });
    expect(await failure(kms.send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: oneAz.storeId })))).toMatchObject({
      name: "CloudHsmClusterInvalidConfigurationException",
    });
    expect(await db().kmsKey.count({ where: { customKeyStoreId: { in: [disconnected.storeId, oneAz.storeId] } } })).toBe(0);
  });

  it("validates the policy as JSON (MalformedPolicyDocumentException), its size (LimitExceededException) and lockout", async () => {
    expect((await failure(kms.send(new CreateKeyCommand({ Policy: "{not json" }))))?.name).toBe("MalformedPolicyDocumentException");
    expect(
      (await failure(kms.send(new CreateKeyCommand({ Policy: '{"Statement":[{"Effect":"Maybe","Principal":"*","Action":"kms:*"}]}' }))))
        ?.name,
    ).toBe("MalformedPolicyDocumentException");
    const big = JSON.stringify({
      Statement: [{ Sid: "x".repeat(33_000), Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" }],
    });
    expect((await failure(kms.send(new CreateKeyCommand({ Policy: big }))))?.name).toBe("LimitExceededException");
    const lockout = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:Encrypt", Resource: "*" }] });
    const locked = await failure(kms.send(new CreateKeyCommand({ Policy: lockout })));
    expect(locked).toMatchObject({
      name: "MalformedPolicyDocumentException",
      message: "The new key policy will not allow you to update the key policy in the future.",
    });
    const md = await newKey({ Policy: lockout, BypassPolicyLockoutSafetyCheck: true });
    expect((await db().kmsKey.findUniqueOrThrow({ where: { id: md.KeyId } })).policy).toBe(lockout);
    // The policy is in force: it lets the account encrypt and nothing else, so not even read the policy.
    expect(await failure(kms.send(new GetKeyPolicyCommand({ KeyId: md.KeyId })))).toEqual({
      name: "AccessDeniedException",
      message: `User: ${PRINCIPAL_ARN} is not authorized to perform: kms:GetKeyPolicy on resource: ${md.Arn} because no resource-based policy allows the kms:GetKeyPolicy action`,
      status: 400,
    });
  });

  it("validates tags (TagException)", async () => {
    const cases: [Array<{ TagKey: string; TagValue: string }>, string][] = [
      [[{ TagKey: "aws:owner", TagValue: "x" }], "Tags beginning with aws: are reserved"],
      [
        [
          { TagKey: "a", TagValue: "1" },
          { TagKey: "a", TagValue: "2" },
        ],
        "Duplicate tag keys",
      ],
      [Array.from({ length: 51 }, (_, i) => ({ TagKey: `k${i}`, TagValue: "" })), "Too many tags"],
    ];
    for (const [Tags, message] of cases) {
      expect(await failure(kms.send(new CreateKeyCommand({ Tags })))).toMatchObject({ name: "TagException", message });
    }
    expect((await failure(kms.send(new CreateKeyCommand({ Tags: [{ TagKey: "", TagValue: "x" }] }))))?.name).toBe("ValidationException");
  });
});

describe("DescribeKey and ListKeys", () => {
  it("finds a key by key ID, key ARN, alias name and alias ARN", async () => {
    const md = await newKey();
    await kms.send(new CreateAliasCommand({ AliasName: "alias/describe-me", TargetKeyId: md.KeyId }));
    for (const KeyId of [md.KeyId, md.Arn, "alias/describe-me", `arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/describe-me`]) {
      expect((await kms.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata?.KeyId).toBe(md.KeyId);
    }
  });

  it("answers unknown keys with NotFoundException in AWS's words", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    const arn = `arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${id}`;
    expect(await failure(kms.send(new DescribeKeyCommand({ KeyId: id })))).toEqual({
      name: "NotFoundException",
      message: `Key '${arn}' does not exist`,
      status: 400,
    });
    expect(await failure(kms.send(new DescribeKeyCommand({ KeyId: "alias/none" })))).toMatchObject({
      name: "NotFoundException",
      message: `Alias arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/none is not found.`,
    });
    expect(await failure(kms.send(new DescribeKeyCommand({ KeyId: "not-a-key" })))).toMatchObject({
      name: "NotFoundException",
      message: "Invalid keyId 'not-a-key'",
    });
    expect(await failure(kms.send(new DescribeKeyCommand({ KeyId: `arn:aws:kms:eu-west-1:${ACCOUNT_ID}:key/${id}` })))).toMatchObject({
      name: "NotFoundException",
      message: "Invalid arn eu-west-1",
    });
    expect((await failure(kms.send(new DescribeKeyCommand({ KeyId: "arn:aws:kms:nonsense" }))))?.name).toBe("InvalidArnException");
    expect((await failure(kms.send(new DescribeKeyCommand({ KeyId: "" }))))?.name).toBe("ValidationException");
  });

  it("pages through ListKeys with Limit and Marker", async () => {
    for (let i = 0; i < 3; i++) await newKey();
    const all = await db().kmsKey.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    const seen: string[] = [];
    let Marker: string | undefined;
    for (;;) {
      const page = await kms.send(new ListKeysCommand({ Limit: 2, Marker }));
      expect(page.Keys!.length).toBeLessThanOrEqual(2);
      for (const k of page.Keys!) {
        expect(k.KeyArn).toBe(`arn:aws:kms:${REGION}:${ACCOUNT_ID}:key/${k.KeyId}`);
        seen.push(k.KeyId!);
      }
      if (!page.Truncated) {
        expect(page.NextMarker).toBeUndefined();
        break;
      }
      Marker = page.NextMarker;
    }
    expect(seen).toEqual(all.map((k) => k.id));
    expect((await failure(kms.send(new ListKeysCommand({ Marker: "garbage" }))))?.name).toBe("InvalidMarkerException");
    expect((await failure(kms.send(new ListKeysCommand({ Limit: 1001 }))))?.message).toContain(
      "Member must have value less than or equal to 1000",
    );
  });
});

describe("key states", () => {
  it("Enable/Disable/UpdateKeyDescription; ScheduleKeyDeletion (default 30 days) and CancelKeyDeletion → Disabled", async () => {
    const md = await newKey();
    await kms.send(new DisableKeyCommand({ KeyId: md.KeyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: md.KeyId }))).KeyMetadata).toMatchObject({
      KeyState: "Disabled",
      Enabled: false,
    });
    await kms.send(new EnableKeyCommand({ KeyId: md.Arn }));
    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: md.KeyId, Description: "" }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: md.KeyId }))).KeyMetadata).toMatchObject({
      KeyState: "Enabled",
      Enabled: true,
      Description: "",
    });

    const now = Date.now();
    const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: md.KeyId }));
    expect(scheduled).toMatchObject({ KeyId: md.Arn, KeyState: "PendingDeletion", PendingWindowInDays: 30 });
    expect(Math.abs(scheduled.DeletionDate!.getTime() - (now + 30 * 86_400_000))).toBeLessThan(60_000);
    const pending = (await kms.send(new DescribeKeyCommand({ KeyId: md.KeyId }))).KeyMetadata!;
    expect(pending).toMatchObject({ KeyState: "PendingDeletion", Enabled: false });
    expect(pending.DeletionDate?.getTime()).toBe(scheduled.DeletionDate?.getTime());

    const refused = `${md.Arn} is pending deletion.`;
    for (const command of [
      new EnableKeyCommand({ KeyId: md.KeyId }),
      new DisableKeyCommand({ KeyId: md.KeyId }),
      new ScheduleKeyDeletionCommand({ KeyId: md.KeyId }),
      new UpdateKeyDescriptionCommand({ KeyId: md.KeyId, Description: "x" }),
      new TagResourceCommand({ KeyId: md.KeyId, Tags: [{ TagKey: "a", TagValue: "b" }] }),
      new UntagResourceCommand({ KeyId: md.KeyId, TagKeys: ["a"] }),
      new CreateAliasCommand({ AliasName: "alias/pending", TargetKeyId: md.KeyId }),
    ]) {
      expect(await failure(kms.send(command as never))).toEqual({ name: "KMSInvalidStateException", message: refused, status: 400 });
    }
    // Allowed in every state.
    await kms.send(new GetKeyPolicyCommand({ KeyId: md.KeyId }));
    await kms.send(new ListResourceTagsCommand({ KeyId: md.KeyId }));

    expect((await kms.send(new CancelKeyDeletionCommand({ KeyId: md.KeyId }))).KeyId).toBe(md.Arn);
    const cancelled = (await kms.send(new DescribeKeyCommand({ KeyId: md.KeyId }))).KeyMetadata!;
    expect(cancelled.KeyState).toBe("Disabled");
    expect(cancelled).not.toHaveProperty("DeletionDate");
    expect(await failure(kms.send(new CancelKeyDeletionCommand({ KeyId: md.KeyId })))).toMatchObject({
      name: "KMSInvalidStateException",
      message: `${md.Arn} is not pending deletion.`,
    });
  });

  it("ScheduleKeyDeletion accepts 7–30 days only", async () => {
    const md = await newKey();
    for (const PendingWindowInDays of [0, 6, 31, 366]) {
      expect((await failure(kms.send(new ScheduleKeyDeletionCommand({ KeyId: md.KeyId, PendingWindowInDays }))))?.name).toBe(
        "ValidationException",
      );
    }
    expect((await kms.send(new ScheduleKeyDeletionCommand({ KeyId: md.KeyId, PendingWindowInDays: 7 }))).PendingWindowInDays).toBe(7);
  });

  it("keys of a disconnected store are Unavailable; Enable/Disable take effect on reconnect; PendingDeletion stays", async () => {
    const s = await createTestKeyStore();
    const saved = store;
    store = s;
    const [a, b, c] = [await storeKey(), await storeKey(), await storeKey()];
    store = saved;
    await kms.send(new DisableKeyCommand({ KeyId: b.KeyId }));
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: c.KeyId, PendingWindowInDays: 7 }));
    await disconnectTestKeyStore(s.storeId);
    const state = async (k: typeof a) => (await kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }))).KeyMetadata!;
    expect(await state(a)).toMatchObject({ KeyState: "Unavailable", Enabled: false });
    expect((await state(b)).KeyState).toBe("Unavailable");
    expect((await state(c)).KeyState).toBe("PendingDeletion");
    // [12]: accepted while Unavailable, visible once connected.
    await kms.send(new DisableKeyCommand({ KeyId: a.KeyId }));
    await kms.send(new EnableKeyCommand({ KeyId: b.KeyId }));
    expect((await state(a)).KeyState).toBe("Unavailable");
    // [13]: deletion can be cancelled while disconnected.
    await kms.send(new CancelKeyDeletionCommand({ KeyId: c.KeyId }));
    expect((await state(c)).KeyState).toBe("Unavailable");
    await connectTestKeyStore(s.storeId);
    expect((await state(a)).KeyState).toBe("Disabled");
    expect((await state(b)).KeyState).toBe("Enabled");
    expect((await state(c)).KeyState).toBe("Disabled");
  });
});

describe("aliases", () => {
  it("CreateAlias / ListAliases / UpdateAlias / DeleteAlias", async () => {
    const one = await newKey();
    const two = await newKey();
    await kms.send(new CreateAliasCommand({ AliasName: "alias/app/orders", TargetKeyId: one.Arn }));
    const listed = await kms.send(new ListAliasesCommand({ KeyId: one.KeyId }));
    expect(listed.Aliases).toHaveLength(1);
    expect(listed.Aliases![0]).toMatchObject({
      AliasName: "alias/app/orders",
      AliasArn: `arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/app/orders`,
      TargetKeyId: one.KeyId,
    });
    expect(listed.Aliases![0]!.CreationDate).toBeInstanceOf(Date);
    expect(listed.Aliases![0]!.LastUpdatedDate).toBeInstanceOf(Date);

    expect(await failure(kms.send(new CreateAliasCommand({ AliasName: "alias/app/orders", TargetKeyId: two.KeyId })))).toMatchObject({
      name: "AlreadyExistsException",
      message: `An alias with the name arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/app/orders already exists`,
    });
    await kms.send(new UpdateAliasCommand({ AliasName: "alias/app/orders", TargetKeyId: two.KeyId }));
    expect((await kms.send(new DescribeKeyCommand({ KeyId: "alias/app/orders" }))).KeyMetadata?.KeyId).toBe(two.KeyId);
    expect((await kms.send(new ListAliasesCommand({ KeyId: one.KeyId }))).Aliases).toEqual([]);

    await kms.send(new DeleteAliasCommand({ AliasName: "alias/app/orders" }));
    expect((await failure(kms.send(new DeleteAliasCommand({ AliasName: "alias/app/orders" }))))?.name).toBe("NotFoundException");
    expect((await failure(kms.send(new UpdateAliasCommand({ AliasName: "alias/app/orders", TargetKeyId: one.KeyId }))))?.name).toBe(
      "NotFoundException",
    );
  });

  it("enforces the alias/ prefix, the reserved alias/aws/, the pattern, key IDs only as targets", async () => {
    const md = await newKey();
    expect(await failure(kms.send(new CreateAliasCommand({ AliasName: "orders", TargetKeyId: md.KeyId })))).toMatchObject({
      name: "ValidationException",
      message: expect.stringContaining('Alias must start with the prefix "alias/"'),
    });
    expect((await failure(kms.send(new CreateAliasCommand({ AliasName: "alias/aws/s3", TargetKeyId: md.KeyId }))))?.name).toBe(
      "NotAuthorizedException",
    );
    expect((await failure(kms.send(new CreateAliasCommand({ AliasName: "alias/a:b", TargetKeyId: md.KeyId }))))?.name).toBe(
      "InvalidAliasNameException",
    );
    expect((await failure(kms.send(new CreateAliasCommand({ AliasName: "alias/has space", TargetKeyId: md.KeyId }))))?.name).toBe(
      "ValidationException",
    );
    await kms.send(new CreateAliasCommand({ AliasName: "alias/target-check", TargetKeyId: md.KeyId }));
    expect(await failure(kms.send(new CreateAliasCommand({ AliasName: "alias/x2", TargetKeyId: "alias/target-check" })))).toMatchObject({
      name: "NotFoundException",
      message: "Invalid keyId 'alias/target-check'",
    });
  });

  it("at most 50 aliases per key (LimitExceededException); a key in an Unavailable store can get one", async () => {
    const md = await newKey();
    await db().alias.createMany({ data: Array.from({ length: 50 }, (_, i) => ({ name: `alias/bulk-${i}`, keyId: md.KeyId! })) });
    expect((await failure(kms.send(new CreateAliasCommand({ AliasName: "alias/bulk-50", TargetKeyId: md.KeyId }))))?.name).toBe(
      "LimitExceededException",
    );
    const page = await kms.send(new ListAliasesCommand({ KeyId: md.KeyId, Limit: 30 }));
    expect(page.Aliases).toHaveLength(30);
    expect(page.Truncated).toBe(true);
    const rest = await kms.send(new ListAliasesCommand({ KeyId: md.KeyId, Marker: page.NextMarker }));
    expect(rest.Aliases).toHaveLength(20);
    expect((await failure(kms.send(new ListAliasesCommand({ Limit: 101 }))))?.name).toBe("ValidationException");

    const s = await createTestKeyStore();
    const k = (await kms.send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: s.storeId }))).KeyMetadata!;
    await disconnectTestKeyStore(s.storeId);
    await kms.send(new CreateAliasCommand({ AliasName: "alias/unavailable-ok", TargetKeyId: k.KeyId }));
  });
});

describe("tags", () => {
  it("TagResource replaces values, UntagResource ignores missing keys, ListResourceTags pages", async () => {
    const md = await newKey({ Tags: [{ TagKey: "env", TagValue: "dev" }] });
    await kms.send(
      new TagResourceCommand({
        KeyId: md.KeyId,
        Tags: [
          { TagKey: "env", TagValue: "prod" },
          { TagKey: "owner", TagValue: "" },
        ],
      }),
    );
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: md.Arn }))).Tags).toEqual([
      { TagKey: "env", TagValue: "prod" },
      { TagKey: "owner", TagValue: "" },
    ]);
    await kms.send(new UntagResourceCommand({ KeyId: md.KeyId, TagKeys: ["owner", "never-there"] }));
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: md.KeyId }))).Tags).toEqual([{ TagKey: "env", TagValue: "prod" }]);

    await kms.send(
      new TagResourceCommand({
        KeyId: md.KeyId,
        Tags: Array.from({ length: 49 }, (_, i) => ({ TagKey: `t${String(i).padStart(2, "0")}`, TagValue: "v" })),
      }),
    );
    expect(
      (await failure(kms.send(new TagResourceCommand({ KeyId: md.KeyId, Tags: [{ TagKey: "one-too-many", TagValue: "" }] }))))?.name,
    ).toBe("LimitExceededException");
    const first = await kms.send(new ListResourceTagsCommand({ KeyId: md.KeyId, Limit: 25 }));
    const second = await kms.send(new ListResourceTagsCommand({ KeyId: md.KeyId, Limit: 25, Marker: first.NextMarker }));
    expect(first.Truncated).toBe(true);
    expect(second.Truncated).toBe(false);
    expect([...first.Tags!, ...second.Tags!]).toHaveLength(50);
    expect((await failure(kms.send(new ListResourceTagsCommand({ KeyId: md.KeyId, Limit: 51 }))))?.name).toBe("ValidationException");
    expect(await failure(kms.send(new UntagResourceCommand({ KeyId: md.KeyId, TagKeys: ["aws:x"] })))).toMatchObject({
      name: "TagException",
    });
    expect((await failure(kms.send(new TagResourceCommand({ KeyId: "alias/none", Tags: [] }))))?.name).toBe("NotFoundException");
  });
});

describe("key policies and rotation status", () => {
  it("PutKeyPolicy stores the document as given; PolicyName must be default; lockout and size are checked", async () => {
    const md = await newKey();
    const policy = JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Sid: "root", Effect: "Allow", Principal: { AWS: ACCOUNT_ID }, Action: "kms:*", Resource: "*" },
        {
          Sid: "alice",
          Effect: "Allow",
          Principal: { AWS: [`arn:aws:iam::${ACCOUNT_ID}:user/alice`] },
          Action: ["kms:Encrypt", "kms:Decrypt"],
          Resource: "*",
        },
      ],
    });
    await kms.send(new PutKeyPolicyCommand({ KeyId: md.KeyId, PolicyName: "default", Policy: policy }));
    expect((await kms.send(new GetKeyPolicyCommand({ KeyId: md.KeyId }))).Policy).toBe(policy);
    expect((await failure(kms.send(new GetKeyPolicyCommand({ KeyId: md.KeyId, PolicyName: "other" }))))?.name).toBe("NotFoundException");
    expect((await failure(kms.send(new GetKeyPolicyCommand({ KeyId: md.KeyId, PolicyName: "no-dash" }))))?.name).toBe(
      "ValidationException",
    );
    expect((await failure(kms.send(new PutKeyPolicyCommand({ KeyId: md.KeyId, Policy: "[]" }))))?.name).toBe(
      "MalformedPolicyDocumentException",
    );
    const padded = JSON.stringify({ Statement: [{ Sid: "p".repeat(32_800), Effect: "Allow", Principal: "*", Action: "kms:*" }] });
    expect((await failure(kms.send(new PutKeyPolicyCommand({ KeyId: md.KeyId, Policy: padded }))))?.name).toBe("LimitExceededException");
    const latin = await failure(kms.send(new PutKeyPolicyCommand({ KeyId: md.KeyId, Policy: '{"Sid":"€"}' })));
    expect(latin?.name).toBe("ValidationException");
    const nobody = JSON.stringify({
      Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: "kms:*", Resource: "*" }],
    });
    expect((await failure(kms.send(new PutKeyPolicyCommand({ KeyId: md.KeyId, Policy: nobody }))))?.name).toBe(
      "MalformedPolicyDocumentException",
    );
    await kms.send(new PutKeyPolicyCommand({ KeyId: md.KeyId, Policy: nobody, BypassPolicyLockoutSafetyCheck: true }));
    // What the safety check warned of: the caller can no longer change the policy back.
    expect((await failure(kms.send(new PutKeyPolicyCommand({ KeyId: md.KeyId, Policy: policy }))))?.name).toBe("AccessDeniedException");
  });

  it("GetKeyRotationStatus: false for AWS_KMS keys, UnsupportedOperationException in a custom key store", async () => {
    const plain = await newKey();
    expect(await kms.send(new GetKeyRotationStatusCommand({ KeyId: plain.KeyId }))).toMatchObject({
      KeyRotationEnabled: false,
      KeyId: plain.Arn,
    });
    const hsmKey = await storeKey();
    expect(await failure(kms.send(new GetKeyRotationStatusCommand({ KeyId: hsmKey.KeyId })))).toMatchObject({
      name: "UnsupportedOperationException",
      message: `${hsmKey.Arn} origin is AWS_CLOUDHSM which is not valid for this operation.`,
    });
  });
});
