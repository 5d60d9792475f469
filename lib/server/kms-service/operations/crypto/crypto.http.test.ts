// The cryptographic operations over HTTP with the real @aws-sdk/client-kms against the real local
// service: keys in the default token and in a CloudHSM key store on a real local cluster (SoftHSM).
import { beforeAll, describe, expect, it } from "vitest";
import {
  CreateAliasCommand,
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  DisableKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateRandomCommand,
  ReEncryptCommand,
  ScheduleKeyDeletionCommand,
  type KMSClient,
  type KeyMetadata,
} from "@aws-sdk/client-kms";
import { deleteClusterKey } from "@/lib/server/hsm/clusters/delete-cluster-key.ts";
import { deleteHsm } from "@/lib/server/hsm/clusters/delete-hsm.ts";
import { DEFAULT_TOKEN_LABEL } from "@/lib/server/hsm/clusters/ensure-default-token.ts";
import { db } from "@/lib/server/platform/db.ts";
import { destroyKey } from "@/lib/server/hsm/keys.ts";
import { createTestKeyStore, connectTestKeyStore, disconnectTestKeyStore, type TestKeyStore } from "@/test/local-kms-real-service.ts";
import { ACCOUNT_ID, PRINCIPAL_ARN, REGION, useLocalKms } from "@/test/local-kms-server.ts";
import { failure } from "@/test/sdk-failure.ts";

const service = useLocalKms("kms-crypto");
let kms: KMSClient;
let store: TestKeyStore;
let plainKey: KeyMetadata;
let hsmKey: KeyMetadata;

const text = (s: string) => Buffer.from(s, "utf8");
const CONTEXT = { purpose: "test", Department: "10" };

beforeAll(async () => {
  ({ kms } = service);
  store = await createTestKeyStore();
  plainKey = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
  hsmKey = await storeKey(store);
});

async function storeKey(s: TestKeyStore): Promise<KeyMetadata> {
  return (await kms.send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: s.storeId }))).KeyMetadata!;
}

async function encrypt(KeyId: string, plaintext: Buffer, EncryptionContext?: Record<string, string>) {
  return kms.send(new EncryptCommand({ KeyId, Plaintext: plaintext, EncryptionContext }));
}

describe("Encrypt and Decrypt", () => {
  it("round-trip under an AWS_KMS key and a CloudHSM key store key; Decrypt needs no KeyId", async () => {
    for (const key of [plainKey, hsmKey]) {
      const enc = await encrypt(key.KeyId!, text("attack at dawn"), CONTEXT);
      expect(enc).toMatchObject({ KeyId: key.Arn, EncryptionAlgorithm: "SYMMETRIC_DEFAULT" });
      expect(enc.CiphertextBlob!.length).toBe(14 + 79);
      const dec = await kms.send(
        new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { Department: "10", purpose: "test" } }),
      );
      expect(Buffer.from(dec.Plaintext!).toString()).toBe("attack at dawn");
      expect(dec).toMatchObject({ KeyId: key.Arn, EncryptionAlgorithm: "SYMMETRIC_DEFAULT", KeyMaterialId: key.CurrentKeyMaterialId });
    }
  });

  it("writes a versioned, self-describing blob: magic, version, key ID, key material ID", async () => {
    const blob = Buffer.from((await encrypt(hsmKey.KeyId!, text("x"))).CiphertextBlob!);
    expect(blob.subarray(0, 3)).toEqual(Buffer.from([0x6b, 0x68, 0x01]));
    expect(blob.subarray(3, 19).toString("hex")).toBe(hsmKey.KeyId!.replace(/-/g, ""));
    expect(blob.subarray(19, 51).toString("hex")).toBe(hsmKey.CurrentKeyMaterialId);
  });

  it("accepts every key identifier, an alias included", async () => {
    await kms.send(new CreateAliasCommand({ AliasName: "alias/crypto", TargetKeyId: hsmKey.KeyId }));
    for (const KeyId of [hsmKey.KeyId!, hsmKey.Arn!, "alias/crypto", `arn:aws:kms:${REGION}:${ACCOUNT_ID}:alias/crypto`]) {
      expect((await encrypt(KeyId, text("k"))).KeyId).toBe(hsmKey.Arn);
    }
  });

  it("binds the encryption context exactly: missing, changed, extra or differently-cased pairs fail", async () => {
    const blob = (await encrypt(plainKey.KeyId!, text("ctx"), CONTEXT)).CiphertextBlob!;
    const wrong: Array<Record<string, string> | undefined> = [
      undefined,
      {},
      { purpose: "test" },
      { ...CONTEXT, extra: "1" },
      { purpose: "Test", Department: "10" },
      { Purpose: "test", Department: "10" },
    ];
    for (const EncryptionContext of wrong) {
      // KMS sends an empty message, which the SDK reports as "UnknownError".
      expect(await failure(kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext })))).toEqual({
        name: "InvalidCiphertextException",
        message: "UnknownError",
        status: 400,
      });
    }
    // No context and an empty context are the same context.
    const none = (await encrypt(plainKey.KeyId!, text("none"))).CiphertextBlob!;
    expect(Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob: none, EncryptionContext: {} }))).Plaintext!).toString()).toBe(
      "none",
    );
    // Unambiguous: {"a":"bc"} ≠ {"ab":"c"}.
    const ab = (await encrypt(plainKey.KeyId!, text("ab"), { a: "bc" })).CiphertextBlob!;
    expect((await failure(kms.send(new DecryptCommand({ CiphertextBlob: ab, EncryptionContext: { ab: "c" } }))))?.name).toBe(
      "InvalidCiphertextException",
    );
  });

  it("rejects a tampered blob (header, IV, ciphertext, tag, length) with InvalidCiphertextException", async () => {
    const blob = Buffer.from((await encrypt(hsmKey.KeyId!, text("tamper me"))).CiphertextBlob!);
    const flip = (at: number) => {
      const b = Buffer.from(blob);
      b[at]! ^= 0x01;
      return b;
    };
    for (const bad of [
      flip(0),
      flip(2),
      flip(20),
      flip(55),
      flip(65),
      flip(blob.length - 1),
      blob.subarray(0, 60),
      Buffer.from("not a blob"),
    ]) {
      expect((await failure(kms.send(new DecryptCommand({ CiphertextBlob: bad }))))?.name).toBe("InvalidCiphertextException");
    }
  });

  it("a KeyId on Decrypt must name the blob's key: IncorrectKeyException otherwise", async () => {
    const blob = (await encrypt(hsmKey.KeyId!, text("which key"))).CiphertextBlob!;
    expect(await failure(kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: plainKey.KeyId })))).toMatchObject({
      name: "IncorrectKeyException",
      message: "The key ID in the request does not identify a CMK that can perform this operation.",
    });
    expect((await kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: "alias/crypto" }))).KeyId).toBe(hsmKey.Arn);
    expect((await failure(kms.send(new DecryptCommand({ CiphertextBlob: blob, KeyId: "alias/nope" }))))?.name).toBe("NotFoundException");
  });

  it("enforces the size limits: Plaintext 1–4096, CiphertextBlob 1–6144", async () => {
    const max = Buffer.alloc(4096, 7);
    const blob = (await encrypt(plainKey.KeyId!, max)).CiphertextBlob!;
    expect(Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext!).equals(max)).toBe(true);
    expect(await failure(encrypt(plainKey.KeyId!, Buffer.alloc(4097)))).toMatchObject({
      name: "ValidationException",
      message:
        "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
    });
    expect((await failure(encrypt(plainKey.KeyId!, Buffer.alloc(0))))?.name).toBe("ValidationException");
    expect((await failure(kms.send(new DecryptCommand({ CiphertextBlob: Buffer.alloc(6145) }))))?.message).toContain(
      "less than or equal to 6144",
    );
  });

  it("SYMMETRIC_DEFAULT only; GrantTokens accepted up to 10; DryRun answers DryRunOperationException", async () => {
    expect(
      (
        await failure(
          kms.send(new EncryptCommand({ KeyId: plainKey.KeyId, Plaintext: text("a"), EncryptionAlgorithm: "RSAES_OAEP_SHA_256" })),
        )
      )?.name,
    ).toBe("InvalidKeyUsageException");
    const { GrantToken } = await kms.send(
      new CreateGrantCommand({ KeyId: plainKey.KeyId, GranteePrincipal: PRINCIPAL_ARN, Operations: ["Encrypt"] }),
    );
    await kms.send(new EncryptCommand({ KeyId: plainKey.KeyId, Plaintext: text("a"), GrantTokens: Array(10).fill(GrantToken) }));
    expect(
      (
        await failure(
          kms.send(new EncryptCommand({ KeyId: plainKey.KeyId, Plaintext: text("a"), GrantTokens: Array(11).fill(GrantToken) })),
        )
      )?.name,
    ).toBe("ValidationException");
    expect(
      (await failure(kms.send(new EncryptCommand({ KeyId: plainKey.KeyId, Plaintext: text("a"), GrantTokens: ["token"] }))))?.name,
    ).toBe("InvalidGrantTokenException");
    const dry = await failure(kms.send(new EncryptCommand({ KeyId: hsmKey.KeyId, Plaintext: text("a"), DryRun: true })));
    expect(dry).toMatchObject({
      name: "DryRunOperationException",
      message: "The request would have succeeded, but the DryRun option is set.",
      status: 400,
    });
    const blob = (await encrypt(hsmKey.KeyId!, text("d"))).CiphertextBlob!;
    expect((await failure(kms.send(new DecryptCommand({ CiphertextBlob: blob, DryRun: true }))))?.name).toBe("DryRunOperationException");
    expect(
      (await failure(kms.send(new DecryptCommand({ KeyId: hsmKey.KeyId, DryRun: true, DryRunModifiers: ["IGNORE_CIPHERTEXT"] }))))?.name,
    ).toBe("DryRunOperationException");
    expect((await failure(kms.send(new GenerateDataKeyCommand({ KeyId: hsmKey.KeyId, KeySpec: "AES_256", DryRun: true }))))?.name).toBe(
      "DryRunOperationException",
    );
    expect(
      (await failure(kms.send(new ReEncryptCommand({ CiphertextBlob: blob, DestinationKeyId: plainKey.KeyId, DryRun: true }))))?.name,
    ).toBe("DryRunOperationException");
  });
});

describe("key states and failures below the key", () => {
  it("Disabled → DisabledException; PendingDeletion → KMSInvalidStateException, with the table's messages", async () => {
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const blob = (await encrypt(key.KeyId!, text("before"))).CiphertextBlob!;
    await kms.send(new DisableKeyCommand({ KeyId: key.KeyId }));
    const disabled = { name: "DisabledException", message: `${key.Arn} is disabled.`, status: 400 };
    expect(await failure(encrypt(key.KeyId!, text("x")))).toEqual(disabled);
    expect(await failure(kms.send(new DecryptCommand({ CiphertextBlob: blob })))).toEqual(disabled);
    expect(await failure(kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, NumberOfBytes: 16 })))).toEqual(disabled);
    expect(await failure(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: text("x"), DryRun: true })))).toEqual(disabled);
    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: key.KeyId, PendingWindowInDays: 7 }));
    const pending = { name: "KMSInvalidStateException", message: `${key.Arn} is pending deletion.`, status: 400 };
    expect(await failure(encrypt(key.KeyId!, text("x")))).toEqual(pending);
    expect(await failure(kms.send(new DecryptCommand({ CiphertextBlob: blob })))).toEqual(pending);
    expect(await failure(kms.send(new ReEncryptCommand({ CiphertextBlob: blob, DestinationKeyId: plainKey.KeyId })))).toEqual(pending);
  });

  it("a disconnected store makes its keys Unavailable: KMSInvalidStateException '<arn> is unavailable.'", async () => {
    const s = await createTestKeyStore();
    const key = await storeKey(s);
    const blob = (await encrypt(key.KeyId!, text("before"))).CiphertextBlob!;
    await disconnectTestKeyStore(s.storeId);
    const unavailable = { name: "KMSInvalidStateException", message: `${key.Arn} is unavailable.`, status: 400 };
    expect(await failure(encrypt(key.KeyId!, text("x")))).toEqual(unavailable);
    expect(await failure(kms.send(new DecryptCommand({ CiphertextBlob: blob })))).toEqual(unavailable);
    expect(await failure(kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.KeyId, KeySpec: "AES_128" })))).toEqual(
      unavailable,
    );
    expect(await failure(kms.send(new ReEncryptCommand({ CiphertextBlob: blob, DestinationKeyId: plainKey.KeyId })))).toEqual(unavailable);
    expect((await failure(kms.send(new GenerateRandomCommand({ NumberOfBytes: 8, CustomKeyStoreId: s.storeId }))))?.name).toBe(
      "CustomKeyStoreInvalidStateException",
    );
    await connectTestKeyStore(s.storeId);
    expect(Buffer.from((await kms.send(new DecryptCommand({ CiphertextBlob: blob }))).Plaintext!).toString()).toBe("before");
  });

  it("key material deleted from the HSMs → KMSInvalidStateException (the key state stays Enabled)", async () => {
    const key = await storeKey(store);
    const deleted = await deleteClusterKey({ clusterId: store.clusterId, label: key.Arn! });
    expect(deleted.deletedFrom).toHaveLength(2);
    expect(await failure(encrypt(key.KeyId!, text("x")))).toMatchObject({
      name: "KMSInvalidStateException",
      message: "The key material is not available in the HSM.",
    });
    const plain = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    await destroyKey(DEFAULT_TOKEN_LABEL, plain.Arn!);
    expect((await failure(encrypt(plain.KeyId!, text("x"))))?.name).toBe("KMSInvalidStateException");
  });

  it("with every HSM of the cluster removed, crypto fails with KMSInvalidStateException", async () => {
    const s = await createTestKeyStore();
    const key = await storeKey(s);
    const blob = (await encrypt(key.KeyId!, text("orphan"))).CiphertextBlob!;
    for (const hsm of await db().hsm.findMany({ where: { clusterId: s.clusterId, state: "ACTIVE" } })) {
      await deleteHsm({ clusterId: s.clusterId, hsmId: hsm.id });
    }
    const noHsm = {
      name: "KMSInvalidStateException",
      message: `The CloudHSM cluster ${s.clusterId} does not contain any active HSMs.`,
      status: 400,
    };
    expect(await failure(encrypt(key.KeyId!, text("x")))).toEqual(noHsm);
    expect(await failure(kms.send(new DecryptCommand({ CiphertextBlob: blob })))).toEqual(noHsm);
    expect((await failure(kms.send(new GenerateRandomCommand({ NumberOfBytes: 8, CustomKeyStoreId: s.storeId }))))?.name).toBe(
      "CustomKeyStoreInvalidStateException",
    );
    expect((await failure(kms.send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: s.storeId }))))?.name).toBe(
      "CloudHsmClusterInvalidConfigurationException",
    );
  });

  it("a blob of a key that no longer exists → NotFoundException", async () => {
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;
    const blob = (await encrypt(key.KeyId!, text("gone"))).CiphertextBlob!;
    await db().kmsKey.delete({ where: { id: key.KeyId } });
    expect(await failure(kms.send(new DecryptCommand({ CiphertextBlob: blob })))).toMatchObject({
      name: "NotFoundException",
      message: `Key '${key.Arn}' does not exist`,
    });
  });
});

describe("ReEncrypt, GenerateDataKey, GenerateDataKeyWithoutPlaintext", () => {
  it("ReEncrypt moves a ciphertext to another key and context without exposing the plaintext", async () => {
    const blob = (await encrypt(plainKey.KeyId!, text("move me"), { v: "1" })).CiphertextBlob!;
    const re = await kms.send(
      new ReEncryptCommand({
        CiphertextBlob: blob,
        SourceEncryptionContext: { v: "1" },
        DestinationKeyId: "alias/crypto",
        DestinationEncryptionContext: { v: "2" },
      }),
    );
    expect(re).toMatchObject({
      SourceKeyId: plainKey.Arn,
      KeyId: hsmKey.Arn,
      SourceEncryptionAlgorithm: "SYMMETRIC_DEFAULT",
      DestinationEncryptionAlgorithm: "SYMMETRIC_DEFAULT",
      SourceKeyMaterialId: plainKey.CurrentKeyMaterialId,
      DestinationKeyMaterialId: hsmKey.CurrentKeyMaterialId,
    });
    expect(re).not.toHaveProperty("Plaintext");
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: re.CiphertextBlob, EncryptionContext: { v: "2" } }));
    expect(Buffer.from(dec.Plaintext!).toString()).toBe("move me");
    expect(
      (
        await failure(
          kms.send(new ReEncryptCommand({ CiphertextBlob: blob, SourceEncryptionContext: { v: "9" }, DestinationKeyId: hsmKey.KeyId })),
        )
      )?.name,
    ).toBe("InvalidCiphertextException");
    expect(
      (await failure(kms.send(new ReEncryptCommand({ CiphertextBlob: blob, SourceKeyId: hsmKey.KeyId, DestinationKeyId: hsmKey.KeyId }))))
        ?.name,
    ).toBe("IncorrectKeyException");
  });

  it("GenerateDataKey: KeySpec or NumberOfBytes, exactly one; its ciphertext decrypts to its plaintext", async () => {
    for (const [input, length] of [
      [{ KeySpec: "AES_256" }, 32],
      [{ KeySpec: "AES_128" }, 16],
      [{ NumberOfBytes: 1 }, 1],
      [{ NumberOfBytes: 1024 }, 1024],
    ] as const) {
      const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: hsmKey.KeyId, EncryptionContext: { dk: "1" }, ...input }));
      expect(dk.Plaintext).toHaveLength(length);
      expect(dk).toMatchObject({ KeyId: hsmKey.Arn, KeyMaterialId: hsmKey.CurrentKeyMaterialId });
      const dec = await kms.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob, EncryptionContext: { dk: "1" } }));
      expect(Buffer.from(dec.Plaintext!).equals(Buffer.from(dk.Plaintext!))).toBe(true);
    }
    const neither = await failure(kms.send(new GenerateDataKeyCommand({ KeyId: hsmKey.KeyId })));
    expect(neither).toMatchObject({ name: "ValidationException", message: "Please specify either number of bytes or key spec." });
    expect(
      (await failure(kms.send(new GenerateDataKeyCommand({ KeyId: hsmKey.KeyId, KeySpec: "AES_256", NumberOfBytes: 32 }))))?.name,
    ).toBe("ValidationException");
    expect((await failure(kms.send(new GenerateDataKeyCommand({ KeyId: hsmKey.KeyId, NumberOfBytes: 1025 }))))?.name).toBe(
      "ValidationException",
    );
    expect((await failure(kms.send(new GenerateDataKeyCommand({ KeyId: hsmKey.KeyId, KeySpec: "AES_512" as never }))))?.name).toBe(
      "ValidationException",
    );
  });

  it("GenerateDataKeyWithoutPlaintext returns only the encrypted data key", async () => {
    const dk = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: plainKey.KeyId, KeySpec: "AES_256" }));
    expect(dk).not.toHaveProperty("Plaintext");
    expect(dk).toMatchObject({ KeyId: plainKey.Arn, KeyMaterialId: plainKey.CurrentKeyMaterialId });
    expect((await kms.send(new DecryptCommand({ CiphertextBlob: dk.CiphertextBlob }))).Plaintext).toHaveLength(32);
  });
});

describe("GenerateRandom", () => {
  it("1–1024 bytes from the default token, or from a CONNECTED CloudHSM key store's cluster", async () => {
    const a = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 1024 }));
    const b = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 1024 }));
    expect(a.Plaintext).toHaveLength(1024);
    expect(Buffer.from(a.Plaintext!).equals(Buffer.from(b.Plaintext!))).toBe(false);
    expect((await kms.send(new GenerateRandomCommand({ NumberOfBytes: 1 }))).Plaintext).toHaveLength(1);
    expect((await kms.send(new GenerateRandomCommand({ NumberOfBytes: 32, CustomKeyStoreId: store.storeId }))).Plaintext).toHaveLength(32);
  });

  it("validates NumberOfBytes and the store", async () => {
    for (const NumberOfBytes of [0, 1025, undefined]) {
      expect((await failure(kms.send(new GenerateRandomCommand({ NumberOfBytes }))))?.name).toBe("ValidationException");
    }
    expect(await failure(kms.send(new GenerateRandomCommand({ NumberOfBytes: 1025 })))).toMatchObject({
      message:
        "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
    });
    expect((await failure(kms.send(new GenerateRandomCommand({ NumberOfBytes: 8, CustomKeyStoreId: "cks-unknown" }))))?.name).toBe(
      "CustomKeyStoreNotFoundException",
    );
  });
});
