// The request path of /api/aws holds access keys (with their unsealed secrets), keys with their store
// (for the cryptographic operations and DescribeKey) and quota buckets in memory
// (write-invalidated-cache.ts). Each test here warms a cache with real signed requests (the real SDK,
// over HTTP), makes the write through the path a user would take, and shows that the very next request
// sees it — no waiting, no TTL.
import { beforeAll, describe, expect, it } from "vitest";
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EncryptCommand,
  KMSClient,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
  UpdateAliasCommand,
  UpdateKeyDescriptionCommand,
} from "@aws-sdk/client-kms";
import { db } from "@/lib/server/platform/db.ts";
import { createAccessKey } from "@/lib/server/platform/identity/create-access-key.ts";
import { createUser } from "@/lib/server/platform/identity/create-user.ts";
import { rotateAccessKey, updateAccessKeyStatus, deleteAccessKey } from "@/lib/server/platform/identity/update-access-key.ts";
import { connectTestKeyStore, createTestKeyStore, disconnectTestKeyStore, type TestKeyStore } from "@/test/local-kms-real-service.ts";
import { ACCOUNT_ID, PRINCIPAL_ARN, REGION, useLocalKms } from "@/test/local-kms-server.ts";
import { failure } from "@/test/sdk-failure.ts";

const service = useLocalKms("hot-path-caches");
let kms: KMSClient;
let store: TestKeyStore;

const PLAINTEXT = Buffer.from("thirty-two bytes of plaintext...");

beforeAll(async () => {
  ({ kms } = service);
  store = await createTestKeyStore();
});

function clientFor(credentials: { accessKeyId: string; secretAccessKey: string }): KMSClient {
  return new KMSClient({ endpoint: service.url, region: REGION, credentials, maxAttempts: 1 });
}

async function newKey(input: ConstructorParameters<typeof CreateKeyCommand>[0] = {}): Promise<string> {
  return (await kms.send(new CreateKeyCommand(input))).KeyMetadata!.KeyId!;
}

const encrypt = (client: KMSClient, KeyId: string) => client.send(new EncryptCommand({ KeyId, Plaintext: PLAINTEXT }));

/** Two successful requests: the second is answered from the caches the first filled. */
async function warm(client: KMSClient, keyId: string): Promise<Uint8Array> {
  await encrypt(client, keyId);
  return (await encrypt(client, keyId)).CiphertextBlob!;
}

describe("access keys (SigV4 lookup with the unsealed secret)", () => {
  it("a deactivated key is refused by the very next request, and accepted again once reactivated", async () => {
    const user = await createUser({ name: "erin", password: "long enough password", role: "operator" });
    const creds = await createAccessKey(user.id);
    const erin = clientFor(creds);
    const keyId = await newKey();
    await warm(erin, keyId);

    await updateAccessKeyStatus(creds.accessKeyId, "Inactive");
    expect(await failure(encrypt(erin, keyId))).toMatchObject({ name: "UnrecognizedClientException", status: 400 });

    await updateAccessKeyStatus(creds.accessKeyId, "Active");
    expect(await failure(encrypt(erin, keyId))).toBeUndefined();
  });

  it("after a rotation the old key is refused at once and the new one signs", async () => {
    const user = await createUser({ name: "frank", password: "long enough password", role: "operator" });
    const old = await createAccessKey(user.id);
    const keyId = await newKey();
    await warm(clientFor(old), keyId);

    const fresh = await rotateAccessKey(old.accessKeyId);
    expect(await failure(encrypt(clientFor(old), keyId))).toMatchObject({ name: "UnrecognizedClientException" });
    expect(await failure(encrypt(clientFor(fresh), keyId))).toBeUndefined();
    expect(await db().accessKey.count({ where: { id: old.accessKeyId } })).toBe(0);
  });

  it("a deleted key is refused at once; a changed role applies at once", async () => {
    const user = await createUser({ name: "grace", password: "long enough password", role: "operator" });
    const creds = await createAccessKey(user.id);
    const grace = clientFor(creds);
    const keyId = await newKey();
    await warm(grace, keyId);

    await db().user.update({ where: { id: user.id }, data: { role: "viewer" } });
    expect(await failure(encrypt(grace, keyId))).toMatchObject({ name: "AccessDeniedException" });

    await deleteAccessKey(creds.accessKeyId);
    expect(await failure(encrypt(grace, keyId))).toMatchObject({ name: "UnrecognizedClientException" });
  });
});

describe("keys and their store (key metadata, key state, store state)", () => {
  it("are served from memory: a change behind Prisma's back (raw SQL) is not seen until a write through Prisma", async () => {
    const keyId = await newKey();
    await warm(kms, keyId);
    await db().$executeRaw`UPDATE "KmsKey" SET "state" = 'Disabled' WHERE "id" = ${keyId}`;
    expect(await failure(encrypt(kms, keyId))).toBeUndefined(); // the cached Enabled key
    await db().kmsKey.update({ where: { id: keyId }, data: { description: "any write of a key" } });
    expect(await failure(encrypt(kms, keyId))).toMatchObject({ name: "DisabledException" });
  });

  it("a disabled key is refused by the very next Encrypt and Decrypt; enabled, it works again", async () => {
    const keyId = await newKey();
    const blob = await warm(kms, keyId);
    await kms.send(new DecryptCommand({ CiphertextBlob: blob }));

    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    expect(await failure(encrypt(kms, keyId))).toMatchObject({ name: "DisabledException" });
    expect(await failure(kms.send(new DecryptCommand({ CiphertextBlob: blob })))).toMatchObject({ name: "DisabledException" });

    await kms.send(new EnableKeyCommand({ KeyId: keyId }));
    expect(await failure(encrypt(kms, keyId))).toBeUndefined();
  });

  it("a key scheduled for deletion is refused by the very next request", async () => {
    const keyId = await newKey();
    const blob = await warm(kms, keyId);

    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    expect(await failure(encrypt(kms, keyId))).toMatchObject({ name: "KMSInvalidStateException" });
    expect(await failure(kms.send(new DecryptCommand({ CiphertextBlob: blob })))).toMatchObject({ name: "KMSInvalidStateException" });

    await kms.send(new CancelKeyDeletionCommand({ KeyId: keyId }));
    expect(await failure(encrypt(kms, keyId))).toMatchObject({ name: "DisabledException" });
  });

  it("a disconnected store makes its keys unavailable for the very next request; reconnected, they work", async () => {
    const keyId = await newKey({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: store.storeId });
    const blob = await warm(kms, keyId);

    await disconnectTestKeyStore(store.storeId);
    expect(await failure(encrypt(kms, keyId))).toMatchObject({ name: "KMSInvalidStateException" });
    expect(await failure(kms.send(new DecryptCommand({ CiphertextBlob: blob })))).toMatchObject({ name: "KMSInvalidStateException" });

    await connectTestKeyStore(store.storeId);
    expect(await failure(encrypt(kms, keyId))).toBeUndefined();
  });

  it("a new key policy decides the very next request", async () => {
    const keyId = await newKey();
    await warm(kms, keyId);
    const policy = {
      Version: "2012-10-17",
      Statement: [
        { Sid: "account", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: "kms:*", Resource: "*" },
        { Sid: "no-encrypt", Effect: "Deny", Principal: { AWS: PRINCIPAL_ARN }, Action: "kms:Encrypt", Resource: "*" },
      ],
    };
    await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: "default", Policy: JSON.stringify(policy) }));
    expect(await failure(encrypt(kms, keyId))).toMatchObject({ name: "AccessDeniedException" });
  });

  it("DescribeKey, served from memory too, shows a change by the very next call: state, description, store, alias", async () => {
    const describe = async (KeyId: string) => (await kms.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!;
    const keyId = await newKey({ Description: "before" });
    await kms.send(new CreateAliasCommand({ AliasName: "alias/described", TargetKeyId: keyId }));
    for (const name of [keyId, "alias/described"])
      expect(await describe(name)).toMatchObject({ KeyState: "Enabled", Description: "before" });
    // From memory: a change behind Prisma's back is not seen (the cryptographic operations' test above).
    await db().$executeRaw`UPDATE "KmsKey" SET "description" = 'raw' WHERE "id" = ${keyId}`;
    expect((await describe(keyId)).Description).toBe("before");

    await kms.send(new DisableKeyCommand({ KeyId: keyId }));
    expect((await describe(keyId)).KeyState).toBe("Disabled");
    await kms.send(new UpdateKeyDescriptionCommand({ KeyId: keyId, Description: "after" }));
    expect(await describe("alias/described")).toMatchObject({ KeyState: "Disabled", Description: "after" });
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
    expect(await describe(keyId)).toMatchObject({ KeyState: "PendingDeletion", DeletionDate: expect.any(Date) });

    const other = await newKey();
    await kms.send(new UpdateAliasCommand({ AliasName: "alias/described", TargetKeyId: other }));
    expect((await describe("alias/described")).KeyId).toBe(other);

    const inStore = await newKey({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: store.storeId });
    expect((await describe(inStore)).KeyState).toBe("Enabled");
    await disconnectTestKeyStore(store.storeId);
    expect((await describe(inStore)).KeyState).toBe("Unavailable");
    await connectTestKeyStore(store.storeId);
    expect((await describe(inStore)).KeyState).toBe("Enabled");
  });

  it("an alias moved to another key is followed by the very next request", async () => {
    const [first, second] = [await newKey(), await newKey()];
    await kms.send(new CreateAliasCommand({ AliasName: "alias/hot-path", TargetKeyId: first }));
    await warm(kms, "alias/hot-path");
    expect((await encrypt(kms, "alias/hot-path")).KeyId).toContain(first);

    await kms.send(new UpdateAliasCommand({ AliasName: "alias/hot-path", TargetKeyId: second }));
    expect((await encrypt(kms, "alias/hot-path")).KeyId).toContain(second);
  });
});
