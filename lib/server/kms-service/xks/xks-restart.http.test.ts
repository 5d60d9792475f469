// Both processes restarted: the local service (its own process, SQLite + SoftHSM in its data dir) and
// the XKS proxy (its own process, folder and token). A store CONNECTED before is CONNECTED after, and
// ciphertexts and data keys double-encrypted before decrypt after.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeCustomKeyStoresCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  KMSClient,
} from "@aws-sdk/client-kms";
import { ALICE, REGION } from "@/test/local-kms-test-service.ts";
import { spawnLocalKmsService, type ServiceProcess } from "@/test/spawn-local-kms-service.ts";
import { prepareProxyElsewhere } from "@/test/xks-proxy-prepared-elsewhere.ts";
import { spawnProxy, type ProxyProcess } from "@/test/xks-proxy-process.ts";

const serviceDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyhold-xks-restart-kms-"));
const proxyDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyhold-xks-restart-proxy-"));
// The service trusts the proxy's CA; 3 s per proxy call on busy shared test cores (KMS: 250 ms).
const serviceEnv = { KEYHOLD_XKS_CA_FILE: path.join(proxyDir, "xks-proxy", "tls", "ca.crt"), KEYHOLD_XKS_TIMEOUT_MS: "3000" };
let service: ServiceProcess | undefined;
let proxy: ProxyProcess | undefined;

afterAll(async () => {
  await service?.stop();
  await proxy?.stop();
  fs.rmSync(serviceDir, { recursive: true, force: true });
  fs.rmSync(proxyDir, { recursive: true, force: true });
});

const client = (url: string) => new KMSClient({ endpoint: url, region: REGION, credentials: ALICE, maxAttempts: 1 });

describe("a restart of the service and of its XKS proxy", () => {
  it("keeps the store CONNECTED and decrypts what was double-encrypted before", async () => {
    const prepared = prepareProxyElsewhere({
      dataDir: proxyDir,
      keys: [{ keyId: "survivor" }],
      stores: [{ prefix: "/keyhold", keyIds: ["survivor"] }],
    });
    const credential = prepared.credentials.get("/keyhold")![0]!;
    proxy = await spawnProxy(prepared);
    const port = new URL(proxy.url).port;
    service = await spawnLocalKmsService({ dataDir: serviceDir, env: serviceEnv });
    let kms = client(service.url);

    const { CustomKeyStoreId } = await kms.send(
      new CreateCustomKeyStoreCommand({
        CustomKeyStoreName: "survivor-xks",
        CustomKeyStoreType: "EXTERNAL_KEY_STORE",
        XksProxyConnectivity: "PUBLIC_ENDPOINT",
        XksProxyUriEndpoint: `https://127.0.0.1:${port}`,
        XksProxyUriPath: "/keyhold/kms/xks/v1",
        XksProxyAuthenticationCredential: { AccessKeyId: credential.accessKeyId, RawSecretAccessKey: credential.secretAccessKey },
      }),
    );
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    const state = async () =>
      (await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId }))).CustomKeyStores![0]!.ConnectionState;
    for (let i = 0; i < 300 && (await state()) === "CONNECTING"; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await state()).toBe("CONNECTED");
    const key = (await kms.send(new CreateKeyCommand({ Origin: "EXTERNAL_KEY_STORE", CustomKeyStoreId, XksKeyId: "survivor" })))
      .KeyMetadata!;
    const context = { app: "restart" };
    const blob = (
      await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: Buffer.from("made before"), EncryptionContext: context }))
    ).CiphertextBlob!;
    const dataKey = await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: "AES_256" }));

    expect(await service.stop()).toBe(0);
    service = undefined;
    await proxy.stop();
    proxy = await spawnProxy(prepared, ["--port", port]);
    service = await spawnLocalKmsService({ dataDir: serviceDir, env: serviceEnv });
    kms = client(service.url);

    expect(await state()).toBe("CONNECTED");
    const opened = await kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: context }));
    expect(Buffer.from(opened.Plaintext!).toString()).toBe("made before");
    const openedKey = await kms.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }));
    expect(Buffer.from(openedKey.Plaintext!).equals(Buffer.from(dataKey.Plaintext!))).toBe(true);
  });
});
