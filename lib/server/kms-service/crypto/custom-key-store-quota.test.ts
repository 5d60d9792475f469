// The per-store request quota with a low configured rate (KEYHOLD_CKS_CRYPTO_RPS=5): the real service
// over HTTP with the real SDK, and the token bucket itself with explicit times.
import { beforeAll, describe, expect, it } from "vitest";
import { CreateKeyCommand, DecryptCommand, EncryptCommand, GenerateRandomCommand, type KMSClient } from "@aws-sdk/client-kms";
import { createTestKeyStore } from "@/test/local-kms-real-service.ts";
import { useLocalKms } from "@/test/local-kms-server.ts";
import { failure } from "@/test/sdk-failure.ts";
import { chargeCustomKeyStoreQuota } from "./custom-key-store-quota.ts";

const service = useLocalKms("kms-quota");
process.env.KEYHOLD_CKS_CRYPTO_RPS = "5";
let kms: KMSClient;

beforeAll(() => {
  ({ kms } = service);
});

describe("the custom key store request quota", () => {
  it("throttles a store's cryptographic requests beyond the quota with ThrottlingException (400)", async () => {
    const a = await createTestKeyStore();
    const b = await createTestKeyStore();
    const keyA = (await kms.send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: a.storeId }))).KeyMetadata!;
    const keyB = (await kms.send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: b.storeId }))).KeyMetadata!;
    const plain = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!;

    const results = await Promise.all(
      Array.from({ length: 12 }, () => failure(kms.send(new EncryptCommand({ KeyId: keyA.KeyId, Plaintext: Buffer.from("q") })))),
    );
    const throttled = results.filter((r) => r !== undefined);
    expect(results.filter((r) => r === undefined).length).toBeLessThanOrEqual(6);
    expect(throttled.length).toBeGreaterThanOrEqual(6);
    expect(throttled[0]).toEqual({
      name: "ThrottlingException",
      message: "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.",
      status: 400,
    });
    // Other stores and keys outside custom key stores are not affected.
    await kms.send(new EncryptCommand({ KeyId: keyB.KeyId, Plaintext: Buffer.from("q") }));
    for (let i = 0; i < 10; i++) await kms.send(new EncryptCommand({ KeyId: plain.KeyId, Plaintext: Buffer.from("q") }));
    // GenerateRandom in the store counts too.
    const randoms = await Promise.all(
      Array.from({ length: 12 }, () => failure(kms.send(new GenerateRandomCommand({ NumberOfBytes: 8, CustomKeyStoreId: a.storeId })))),
    );
    expect(randoms.filter((r) => r?.name === "ThrottlingException").length).toBeGreaterThanOrEqual(6);

    // The bucket refills at 5 requests per second: within a second the store serves again.
    const deadline = Date.now() + 2_000;
    let blob: Uint8Array | undefined;
    while (!blob && Date.now() < deadline) {
      blob = await kms.send(new EncryptCommand({ KeyId: keyA.KeyId, Plaintext: Buffer.from("later") })).then(
        (r) => r.CiphertextBlob,
        () => new Promise<undefined>((r) => setTimeout(() => r(undefined), 50)),
      );
    }
    expect(blob).toBeDefined();
    // The SDK retries ThrottlingException by itself with backoff. Its jittered delays can be short on a
    // busy machine, so allow enough attempts that the 5/s bucket always refills in time.
    const patient = service.kmsClient({ maxAttempts: 10 });
    for (let i = 0; i < 8; i++) await patient.send(new DecryptCommand({ CiphertextBlob: blob }));
  });

  it("is a token bucket: a second's worth of burst, refilled at the configured rate", () => {
    const t = 1_000_000;
    for (let i = 0; i < 5; i++) chargeCustomKeyStoreQuota("cks-bucket", t);
    expect(() => chargeCustomKeyStoreQuota("cks-bucket", t)).toThrow(/exceeded the rate/);
    expect(() => chargeCustomKeyStoreQuota("cks-bucket", t + 100)).toThrow(/exceeded the rate/);
    chargeCustomKeyStoreQuota("cks-bucket", t + 200);
    expect(() => chargeCustomKeyStoreQuota("cks-bucket", t + 250)).toThrow(/exceeded the rate/);
    // Idle for long: the burst is capped at one second's worth.
    for (let i = 0; i < 5; i++) chargeCustomKeyStoreQuota("cks-bucket", t + 60_000);
    expect(() => chargeCustomKeyStoreQuota("cks-bucket", t + 60_000)).toThrow(/exceeded the rate/);
  });
});
