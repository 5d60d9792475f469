// External key stores end to end, through @aws-sdk/client-kms over HTTP against the real local service,
// and the real XKS proxy (lib/xks-proxy) as its own process over HTTPS with its own CA, token and
// credentials. Faults are made real: the proxy stopped, paused (slower than 250 ms), a credential removed
// from it, a prefix dropped from its settings, an external key disabled in it; and third-party "proxies"
// (plain HTTPS servers) answer garbage or present a certificate from an untrusted CA.
import { execFile } from "node:child_process";
import fs from "node:fs";
import type http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { parse, stringify } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  CreateKeyCommand,
  DecryptCommand,
  DeleteCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DescribeKeyCommand,
  DisconnectCustomKeyStoreCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateRandomCommand,
  ReEncryptCommand,
  UpdateCustomKeyStoreCommand,
  type CreateCustomKeyStoreCommandInput,
} from "@aws-sdk/client-kms";
import { db } from "@/lib/server/platform/db.ts";
import { decryptGcm } from "@/lib/server/hsm/aes-gcm.ts";
import { DEFAULT_TOKEN_LABEL } from "@/lib/server/hsm/clusters/ensure-default-token.ts";
import { parseBlob } from "@/lib/server/kms-service/crypto/ciphertext-blob.ts";
import { canonicalEncryptionContext } from "@/lib/server/kms-service/crypto/encryption-context.ts";
import { settleConnectionJobs } from "@/lib/server/kms-service/key-stores/connection-jobs.ts";
import { ensureTlsFiles } from "@/lib/xks-proxy/config/tls-files.ts";
import { removeTempDataDir } from "@/test/hsm-support.ts";
import { haveAwsCli, useAwsCli } from "@/test/aws-cli.ts";
import { CREDENTIALS, REGION, useLocalKms, waitForConnectionState } from "@/test/local-kms-server.ts";
import { failure } from "@/test/sdk-failure.ts";
import { metadata, XksClient, type XksCredential } from "@/test/xks-client.ts";
import { prepareProxyElsewhere, proxyEnv } from "@/test/xks-proxy-prepared-elsewhere.ts";
import { spawnProxy, type PreparedProxy, type ProxyProcess } from "@/test/xks-proxy-process.ts";

// The proxy's own folder; its CA is the one the service trusts (KEYHOLD_XKS_CA_FILE, read when the
// first proxy call builds its agent).
const proxyDir = fs.mkdtempSync(path.join(os.tmpdir(), "keyhold-xks-proxy-"));
process.env.KEYHOLD_XKS_CA_FILE = path.join(proxyDir, "xks-proxy", "tls", "ca.crt");
// KMS's 250 ms (the default, proved in xks-proxy-client.test.ts) is for a production proxy; a proxy run
// under tsx on two shared, busy test cores misses it now and then, so this file allows 3 s (the setting
// exists for a local simulation, spec/xks-proxy.md §10). The paused proxy below still times out, for real.
process.env.KEYHOLD_XKS_TIMEOUT_MS = "3000";
const service = useLocalKms("xks-kms");

// One proxy prefix (a logical key store of the proxy, with its own credentials) per store under test,
// since endpoint + path must be unique in the account and Region.
const P = "/keyhold";
const KEYS = "/keys";
const OTHER = "/other";
const PATH = `${P}/kms/xks/v1`;
const STORE_KEYS = ["key-a", "key-b", "key-toggle", "key-disabled", "key-encrypt-only"];
const PREFIXES = [P, KEYS, OTHER, "/upd", "/vpc", "/cred"];
let prepared: PreparedProxy;
let proxy: ProxyProcess;
let endpoint: string;
let credential: XksCredential;
const servers: https.Server[] = [];
const pathOf = (prefix: string) => `${prefix}/kms/xks/v1`;
const credentialOf = (prefix: string, n = 0) => prepared.credentials.get(prefix)![n]!;

beforeAll(async () => {
  prepared = prepareProxyElsewhere({
    dataDir: proxyDir,
    keys: [
      { keyId: "key-a" },
      { keyId: "key-b" },
      { keyId: "key-toggle" },
      { keyId: "key-disabled", disabled: true },
      { keyId: "key-encrypt-only", usage: "ENCRYPT" },
      { keyId: "key-unlisted" },
    ],
    stores: PREFIXES.map((prefix) => ({ prefix, keyIds: STORE_KEYS, credentials: 2 })),
  });
  proxy = await spawnProxy(prepared);
  endpoint = proxy.url.replace(/\/$/, "");
  credential = credentialOf(P);
  await warmUp();
});

afterAll(async () => {
  await settleConnectionJobs();
  for (const s of servers) s.close();
  await proxy?.stop();
  removeTempDataDir(proxyDir);
});

/**
 * KMS's 250 ms is for a warm proxy: the first requests of a proxy just started under tsx (code loaded
 * on first use, the first deep health check) can take longer on shared test cores, so every prefix is
 * called once, on both host names, before the tests; this file keeps the 250 ms.
 */
async function warmUp(): Promise<void> {
  const agent = proxy.agent();
  for (const prefix of PREFIXES) {
    for (const host of ["127.0.0.1", "localhost"]) {
      const client = new XksClient(proxy.url.replace("127.0.0.1", host), agent, prefix, credentialOf(prefix));
      await client.post("health", { requestMetadata: { kmsRequestId: "warm-up", kmsOperation: "KmsHealthCheck" } });
      await client.post("keys/key-a/encrypt", { requestMetadata: metadata(), plaintext: "AAAA", encryptionAlgorithm: "AES_GCM" });
    }
  }
  agent.destroy();
}

const asCredential = (c: XksCredential) => ({ AccessKeyId: c.accessKeyId, RawSecretAccessKey: c.secretAccessKey });

function storeInput(name: string, extra: Partial<CreateCustomKeyStoreCommandInput> = {}, prefix = P): CreateCustomKeyStoreCommandInput {
  return {
    CustomKeyStoreName: name,
    CustomKeyStoreType: "EXTERNAL_KEY_STORE",
    XksProxyConnectivity: "PUBLIC_ENDPOINT",
    XksProxyUriEndpoint: endpoint,
    XksProxyUriPath: pathOf(prefix),
    XksProxyAuthenticationCredential: asCredential(credentialOf(prefix)),
    ...extra,
  };
}

async function createStore(name: string, extra: Partial<CreateCustomKeyStoreCommandInput> = {}, prefix = P): Promise<string> {
  const { CustomKeyStoreId } = await service.kms.send(new CreateCustomKeyStoreCommand(storeInput(name, extra, prefix)));
  return CustomKeyStoreId!;
}

async function connect(id: string) {
  await service.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  return waitForConnectionState(service.kms, id, "CONNECTED", "FAILED");
}

async function disconnect(id: string) {
  await service.kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
  return waitForConnectionState(service.kms, id, "DISCONNECTED");
}

/** The proxy's CLI (asynchronously: the service under test runs in this process and must keep answering). */
function proxyCli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", path.resolve("lib/xks-proxy/main.ts"), ...args],
      { env: proxyEnv(proxyDir), encoding: "utf8" },
      (error, stdout, stderr) => resolve({ status: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    ),
  );
}

/** An HTTPS server on a free loopback port: a "third-party proxy" that behaves as `handler` says. */
async function fakeProxy(handler: http.RequestListener, tlsFiles?: { cert: string; key: string }): Promise<string> {
  const tls = tlsFiles ?? {
    cert: fs.readFileSync(path.join(proxyDir, "xks-proxy", "tls", "server.crt"), "utf8"),
    key: fs.readFileSync(path.join(proxyDir, "xks-proxy", "tls", "server.key"), "utf8"),
  };
  const server = https.createServer(tls, handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("CreateCustomKeyStore / DescribeCustomKeyStores / UpdateCustomKeyStore for EXTERNAL_KEY_STORE", () => {
  it("creates a DISCONNECTED store after a health check; Describe shows the proxy configuration, never the secret", async () => {
    const id = await createStore("xks-describe");
    const { CustomKeyStores } = await service.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }));
    expect(CustomKeyStores![0]).toMatchObject({
      CustomKeyStoreId: id,
      CustomKeyStoreName: "xks-describe",
      CustomKeyStoreType: "EXTERNAL_KEY_STORE",
      ConnectionState: "DISCONNECTED",
      XksProxyConfiguration: { Connectivity: "PUBLIC_ENDPOINT", AccessKeyId: credential.accessKeyId, UriEndpoint: endpoint, UriPath: PATH },
    });
    expect(CustomKeyStores![0]!.CloudHsmClusterId).toBeUndefined();
    expect(JSON.stringify(CustomKeyStores)).not.toContain(credential.secretAccessKey);
    const row = await db().customKeyStore.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(row)).not.toContain(credential.secretAccessKey);
    // The health check reached the proxy with the spec's metadata.
    expect(proxy.logs().some((l) => l.includes('"kmsOperation":"CreateCustomKeyStore"'))).toBe(true);
  });

  it("fails with the modelled exception when the proxy refuses, is elsewhere, or cannot be understood", async () => {
    const wrongSecret = await failure(
      service.kms.send(
        new CreateCustomKeyStoreCommand(
          storeInput("bad-credential", {
            XksProxyUriEndpoint: endpoint.replace("127.0.0.1", "localhost"),
            XksProxyAuthenticationCredential: { AccessKeyId: credential.accessKeyId, RawSecretAccessKey: "A".repeat(44) },
          }),
        ),
      ),
    );
    expect(wrongSecret).toMatchObject({ name: "XksProxyIncorrectAuthenticationCredentialException", status: 400 });

    const wrongPath = await failure(
      service.kms.send(new CreateCustomKeyStoreCommand(storeInput("bad-path", { XksProxyUriPath: "/nowhere/kms/xks/v1" }))),
    );
    expect(wrongPath?.name).toBe("XksProxyInvalidConfigurationException");

    const closedPort = await fakeProxy(() => undefined);
    servers.pop()!.close();
    const unreachable = await failure(
      service.kms.send(new CreateCustomKeyStoreCommand(storeInput("unreachable", { XksProxyUriEndpoint: closedPort }))),
    );
    expect(unreachable?.name).toBe("XksProxyUriUnreachableException");

    const garbage = await fakeProxy((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>hello</html>"));
    const invalid = await failure(
      service.kms.send(new CreateCustomKeyStoreCommand(storeInput("garbage", { XksProxyUriEndpoint: garbage }))),
    );
    expect(invalid?.name).toBe("XksProxyInvalidResponseException");

    const internal = await fakeProxy((_req, res) => res.writeHead(500).end(JSON.stringify({ errorName: "InternalException" })));
    expect(
      (await failure(service.kms.send(new CreateCustomKeyStoreCommand(storeInput("internal", { XksProxyUriEndpoint: internal })))))?.name,
    ).toBe("XksProxyInvalidResponseException");
    expect(
      await db().customKeyStore.count({ where: { name: { in: ["bad-credential", "bad-path", "unreachable", "garbage", "internal"] } } }),
    ).toBe(0);
  });

  it("keeps endpoint + path unique, and the model's endpoint pattern with the local-only port departure", async () => {
    // "xks-describe" has this endpoint and path.
    expect((await failure(service.kms.send(new CreateCustomKeyStoreCommand(storeInput("xks-unique")))))?.name).toBe(
      "XksProxyUriInUseException",
    );
    expect((await failure(service.kms.send(new CreateCustomKeyStoreCommand(storeInput("xks-describe", {}, OTHER)))))?.name).toBe(
      "CustomKeyStoreNameInUseException",
    );
    for (const bad of ["https://xks.example.com:8443", "http://127.0.0.1:4443", "https://10.0.0.1:4443"]) {
      const e = await failure(service.kms.send(new CreateCustomKeyStoreCommand(storeInput("bad-endpoint", { XksProxyUriEndpoint: bad }))));
      expect(e?.name).toBe("ValidationException");
      expect(e?.message).toContain(
        "'xksProxyUriEndpoint' failed to satisfy constraint: Member must satisfy regular expression pattern: ^https://[a-zA-Z0-9.-]+$",
      );
    }
    const missing = await failure(
      service.kms.send(new CreateCustomKeyStoreCommand({ CustomKeyStoreName: "bare-xks", CustomKeyStoreType: "EXTERNAL_KEY_STORE" })),
    );
    expect(missing?.name).toBe("ValidationException");
    expect(missing?.message).toMatch(/^4 validation errors detected: /);
  });

  it("updates name, credential and path while CONNECTED; endpoint and connectivity only while DISCONNECTED; each proxy change health-checked", async () => {
    const id = await createStore("xks-update", {}, "/upd");
    const spareCredential = credentialOf("/upd", 1);
    expect((await connect(id)).ConnectionState).toBe("CONNECTED");
    await service.kms.send(
      new UpdateCustomKeyStoreCommand({
        CustomKeyStoreId: id,
        NewCustomKeyStoreName: "xks-updated",
        XksProxyAuthenticationCredential: asCredential(spareCredential),
      }),
    );
    let entry = (await service.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }))).CustomKeyStores![0]!;
    expect(entry).toMatchObject({ CustomKeyStoreName: "xks-updated", XksProxyConfiguration: { AccessKeyId: spareCredential.accessKeyId } });

    const badCredential = await failure(
      service.kms.send(
        new UpdateCustomKeyStoreCommand({
          CustomKeyStoreId: id,
          XksProxyAuthenticationCredential: { AccessKeyId: spareCredential.accessKeyId, RawSecretAccessKey: "B".repeat(44) },
        }),
      ),
    );
    expect(badCredential?.name).toBe("XksProxyIncorrectAuthenticationCredentialException");
    const endpointWhileConnected = await failure(
      service.kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, XksProxyUriEndpoint: endpoint })),
    );
    expect(endpointWhileConnected?.name).toBe("CustomKeyStoreInvalidStateException");
    const cloudHsmMember = await failure(
      service.kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, KeyStorePassword: "kmsuser-pw" })),
    );
    expect(cloudHsmMember?.name).toBe("ValidationException");

    await disconnect(id);
    const wrongPath = await failure(
      service.kms.send(new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, XksProxyUriPath: "/gone/kms/xks/v1" })),
    );
    expect(wrongPath?.name).toBe("XksProxyInvalidConfigurationException");
    entry = (await service.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }))).CustomKeyStores![0]!;
    expect(entry.XksProxyConfiguration?.UriPath).toBe(pathOf("/upd"));
    await service.kms.send(
      new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: id, XksProxyUriEndpoint: endpoint.replace("127.0.0.1", "localhost") }),
    );
    entry = (await service.kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreId: id }))).CustomKeyStores![0]!;
    expect(entry.XksProxyConfiguration?.UriEndpoint).toBe(endpoint.replace("127.0.0.1", "localhost"));
  });
});

describe("VPC_ENDPOINT_SERVICE connectivity (a local VPC endpoint service is a named entry pointing at a proxy URL)", () => {
  const SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0";
  const vpcInput = (name: string) =>
    storeInput(
      name,
      { XksProxyConnectivity: "VPC_ENDPOINT_SERVICE", XksProxyUriEndpoint: "https://localhost", XksProxyVpcEndpointServiceName: SERVICE },
      "/vpc",
    );

  it("checks the service (not found, invalid configuration, in use) on create, and connects through it", async () => {
    expect((await failure(service.kms.send(new CreateCustomKeyStoreCommand(vpcInput("vpc-missing")))))?.name).toBe(
      "XksProxyVpcEndpointServiceNotFoundException",
    );
    await db().xksVpcEndpointService.create({
      data: { name: SERVICE, ownerAccountId: "111122223333", proxyUrl: endpoint, privateDnsName: "localhost", acceptanceRequired: true },
    });
    expect((await failure(service.kms.send(new CreateCustomKeyStoreCommand(vpcInput("vpc-acceptance")))))?.name).toBe(
      "XksProxyVpcEndpointServiceInvalidConfigurationException",
    );
    await db().xksVpcEndpointService.update({ where: { name: SERVICE }, data: { acceptanceRequired: false } });
    const { CustomKeyStoreId: id } = await service.kms.send(new CreateCustomKeyStoreCommand(vpcInput("vpc-store")));
    const dup = await failure(
      service.kms.send(
        new CreateCustomKeyStoreCommand({ ...vpcInput("vpc-store-2"), XksProxyUriEndpoint: "https://localhost.localdomain" }),
      ),
    );
    expect(dup?.name).toBe("XksProxyVpcEndpointServiceInUseException");
    expect((await connect(id!)).ConnectionState).toBe("CONNECTED");
    await disconnect(id!);

    // The service's configuration breaks, then the service goes: the connect says which, for real.
    await db().xksVpcEndpointService.update({ where: { name: SERVICE }, data: { allowsKms: false } });
    expect(await connect(id!)).toMatchObject({
      ConnectionState: "FAILED",
      ConnectionErrorCode: "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION",
    });
    await disconnect(id!);
    await db().xksVpcEndpointService.delete({ where: { name: SERVICE } });
    expect(await connect(id!)).toMatchObject({ ConnectionState: "FAILED", ConnectionErrorCode: "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND" });
    await disconnect(id!);
    await service.kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: id! }));
  });
});

describe("keys in an external key store: CreateKey, double encryption, faults", () => {
  let storeId: string;
  let keyId: string;
  let keyArn: string;

  beforeAll(async () => {
    storeId = await createStore("xks-keys", {}, KEYS);
  });

  it("CreateKey needs a CONNECTED store, then an enabled AES_256 ENCRYPT+DECRYPT external key used by no other KMS key", async () => {
    const create = (XksKeyId: string) =>
      service.kms.send(new CreateKeyCommand({ Origin: "EXTERNAL_KEY_STORE", CustomKeyStoreId: storeId, XksKeyId }));
    expect((await failure(create("key-a")))?.name).toBe("CustomKeyStoreInvalidStateException");
    expect((await connect(storeId)).ConnectionState).toBe("CONNECTED");

    const { KeyMetadata } = await create("key-a");
    expect(KeyMetadata).toMatchObject({
      Origin: "EXTERNAL_KEY_STORE",
      CustomKeyStoreId: storeId,
      KeyState: "Enabled",
      KeySpec: "SYMMETRIC_DEFAULT",
      XksKeyConfiguration: { Id: "key-a" },
    });
    expect(KeyMetadata!.CloudHsmClusterId).toBeUndefined();
    keyId = KeyMetadata!.KeyId!;
    keyArn = KeyMetadata!.Arn!;
    expect((await service.kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.XksKeyConfiguration).toEqual({ Id: "key-a" });

    expect((await failure(create("key-a")))?.name).toBe("XksKeyAlreadyInUseException");
    expect((await failure(create("key-nope")))?.name).toBe("XksKeyNotFoundException");
    expect((await failure(create("key-unlisted")))?.name).toBe("XksKeyNotFoundException");
    expect((await failure(create("key-disabled")))?.name).toBe("XksKeyInvalidConfigurationException");
    expect((await failure(create("key-encrypt-only")))?.name).toBe("XksKeyInvalidConfigurationException");
    const noXksKeyId = await failure(service.kms.send(new CreateKeyCommand({ Origin: "EXTERNAL_KEY_STORE", CustomKeyStoreId: storeId })));
    expect(noXksKeyId?.name).toBe("ValidationException");
    expect((await failure(service.kms.send(new CreateKeyCommand({ Origin: "AWS_CLOUDHSM", CustomKeyStoreId: storeId }))))?.name).toBe(
      "UnsupportedOperationException",
    );
    expect(await db().kmsKey.count({ where: { customKeyStoreId: storeId } })).toBe(1);
  });

  it("Encrypt / Decrypt / GenerateDataKey(+WithoutPlaintext) / ReEncrypt round trips with an encryption context", async () => {
    const context = { purpose: "xks-test", dept: "orders" };
    const plaintext = Buffer.from("double encrypted secret");
    const { CiphertextBlob } = await service.kms.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: context }),
    );
    const decrypted = await service.kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: context }));
    expect(Buffer.from(decrypted.Plaintext!).toString()).toBe("double encrypted secret");
    expect(decrypted.KeyId).toBe(keyArn);
    expect((await failure(service.kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { purpose: "other" } }))))?.name).toBe(
      "InvalidCiphertextException",
    );

    const dataKey = await service.kms.send(new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: "AES_256", EncryptionContext: context }));
    const opened = await service.kms.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob, EncryptionContext: context }));
    expect(Buffer.from(opened.Plaintext!).equals(Buffer.from(dataKey.Plaintext!))).toBe(true);
    const withoutPlaintext = await service.kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: keyId, NumberOfBytes: 64 }));
    expect((await service.kms.send(new DecryptCommand({ CiphertextBlob: withoutPlaintext.CiphertextBlob }))).Plaintext).toHaveLength(64);

    const other = (await service.kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    const moved = await service.kms.send(
      new ReEncryptCommand({
        CiphertextBlob,
        SourceEncryptionContext: context,
        DestinationKeyId: other,
        DestinationEncryptionContext: context,
      }),
    );
    const back = await service.kms.send(
      new ReEncryptCommand({ CiphertextBlob: moved.CiphertextBlob, SourceEncryptionContext: context, DestinationKeyId: keyId }),
    );
    expect(Buffer.from((await service.kms.send(new DecryptCommand({ CiphertextBlob: back.CiphertextBlob }))).Plaintext!).toString()).toBe(
      "double encrypted secret",
    );

    const ops = proxy
      .logs()
      .map((l) => {
        try {
          return JSON.parse(l) as { kmsOperation?: string };
        } catch {
          return {};
        }
      })
      .map((e) => e.kmsOperation)
      .filter(Boolean);
    for (const op of ["CreateKey", "Encrypt", "Decrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncrypt"])
      expect(ops).toContain(op);
  });

  it("the ciphertext decrypts with neither layer alone: the HSM key alone fails, the proxy alone yields the KMS layer, not the plaintext", async () => {
    const context = { layer: "proof" };
    const plaintext = Buffer.from("only both layers together open this");
    const { CiphertextBlob } = await service.kms.send(
      new EncryptCommand({ KeyId: keyId, Plaintext: plaintext, EncryptionContext: context }),
    );
    const blob = Buffer.from(CiphertextBlob!);
    const parsed = parseBlob(blob);
    expect(parsed.external).toBeDefined();
    expect(blob.includes(plaintext)).toBe(false);
    const aad = Buffer.concat([parsed.header, canonicalEncryptionContext(context)]);
    const outer = parsed.external!;

    // The KMS key's own material alone (the HSM), on the bytes of the blob: the tag check fails.
    await expect(
      decryptGcm(
        DEFAULT_TOKEN_LABEL,
        keyArn,
        { iv: outer.ciphertext.subarray(0, 12), ciphertext: outer.ciphertext.subarray(12, -16), tag: outer.ciphertext.subarray(-16) },
        aad,
      ),
    ).rejects.toMatchObject({ code: "InvalidCiphertextException" });
    await expect(
      decryptGcm(DEFAULT_TOKEN_LABEL, keyArn, { iv: outer.iv.subarray(0, 12), ciphertext: outer.ciphertext, tag: outer.tag }, aad),
    ).rejects.toMatchObject({ code: "InvalidCiphertextException" });

    // The proxy's external key alone: it opens its layer, and what comes out is still ciphertext.
    const client = new XksClient(proxy.url, proxy.agent(), KEYS, credentialOf(KEYS));
    const res = await client.post("keys/key-a/decrypt", {
      requestMetadata: metadata({ kmsOperation: "Decrypt", kmsKeyArn: keyArn }),
      ciphertext: outer.ciphertext.toString("base64"),
      ...(outer.ciphertextMetadata ? { ciphertextMetadata: outer.ciphertextMetadata.toString("base64") } : {}),
      encryptionAlgorithm: "AES_GCM",
      // KMS's AAD for the proxy's layer is the blob header; the encryption context is bound by the KMS layer.
      additionalAuthenticatedData: parsed.header.toString("base64"),
      initializationVector: outer.iv.toString("base64"),
      authenticationTag: outer.tag.toString("base64"),
    });
    expect(res.status).toBe(200);
    const inner = Buffer.from(res.json.plaintext as string, "base64");
    expect(inner.includes(plaintext)).toBe(false);
    expect(inner).toHaveLength(12 + plaintext.length + 16);

    // Both, in order: the HSM opens what the proxy returned.
    const both = await decryptGcm(
      DEFAULT_TOKEN_LABEL,
      keyArn,
      { iv: inner.subarray(0, 12), ciphertext: inner.subarray(12, -16), tag: inner.subarray(-16) },
      aad,
    );
    expect(Buffer.from(both).equals(plaintext)).toBe(true);
  });

  it("an external key disabled in the proxy: KMSInvalidStateException while the KMS key stays Enabled", async () => {
    const { KeyMetadata } = await service.kms.send(
      new CreateKeyCommand({ Origin: "EXTERNAL_KEY_STORE", CustomKeyStoreId: storeId, XksKeyId: "key-toggle" }),
    );
    const toggled = KeyMetadata!.KeyId!;
    const { CiphertextBlob } = await service.kms.send(new EncryptCommand({ KeyId: toggled, Plaintext: Buffer.from("x") }));
    expect((await proxyCli("keys", "disable", "key-toggle")).status).toBe(0);
    try {
      const enc = await failure(service.kms.send(new EncryptCommand({ KeyId: toggled, Plaintext: Buffer.from("x") })));
      expect(enc).toMatchObject({ name: "KMSInvalidStateException", status: 400 });
      expect((await failure(service.kms.send(new DecryptCommand({ CiphertextBlob }))))?.name).toBe("KMSInvalidStateException");
      expect((await service.kms.send(new DescribeKeyCommand({ KeyId: toggled }))).KeyMetadata).toMatchObject({
        KeyState: "Enabled",
        Enabled: true,
      });
    } finally {
      expect((await proxyCli("keys", "enable", "key-toggle")).status).toBe(0);
    }
    expect((await service.kms.send(new DecryptCommand({ CiphertextBlob }))).Plaintext).toHaveLength(1);
  });

  it("GenerateRandom with an external key store is UnsupportedOperationException", async () => {
    const e = await failure(service.kms.send(new GenerateRandomCommand({ NumberOfBytes: 16, CustomKeyStoreId: storeId })));
    expect(e?.name).toBe("UnsupportedOperationException");
  });

  it("a disconnected store's keys are Unavailable; a store with keys cannot be deleted", async () => {
    await disconnect(storeId);
    expect((await service.kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState).toBe("Unavailable");
    const e = await failure(service.kms.send(new EncryptCommand({ KeyId: keyId, Plaintext: Buffer.from("x") })));
    expect(e?.name).toBe("KMSInvalidStateException");
    expect((await failure(service.kms.send(new DeleteCustomKeyStoreCommand({ CustomKeyStoreId: storeId }))))?.name).toBe(
      "CustomKeyStoreHasCMKsException",
    );
    expect((await connect(storeId)).ConnectionState).toBe("CONNECTED");
    expect((await service.kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata?.KeyState).toBe("Enabled");
  });
});

describe("Connect lands FAILED with the ConnectionErrorCode of the real condition", () => {
  it("a credential removed from the proxy → INVALID_CREDENTIALS", async () => {
    const spareCredential = credentialOf("/cred", 1);
    const id = await createStore("fault-credential", { XksProxyAuthenticationCredential: asCredential(spareCredential) }, "/cred");
    expect((await proxyCli("credentials", "remove", spareCredential.accessKeyId)).status).toBe(0);
    await new Promise((r) => setTimeout(r, 1500)); // the proxy re-reads its credentials within a second
    expect(await connect(id)).toMatchObject({ ConnectionState: "FAILED", ConnectionErrorCode: "INVALID_CREDENTIALS" });
    // FAILED: connect again is refused until disconnected.
    expect((await failure(service.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }))))?.name).toBe(
      "CustomKeyStoreInvalidStateException",
    );
    await disconnect(id);
  });

  it("a prefix dropped from the proxy's settings (wrong path) → XKS_PROXY_INVALID_CONFIGURATION", async () => {
    const id = await createStore("fault-path", {}, OTHER);
    const raw = parse(fs.readFileSync(prepared.settingsFile, "utf8")) as Record<string, any>;
    raw.external_key_stores = (raw.external_key_stores as { uri_path_prefix: string }[]).filter((s) => s.uri_path_prefix !== OTHER);
    fs.writeFileSync(prepared.settingsFile, stringify(raw), { mode: 0o600 });
    proxy.child.kill("SIGHUP");
    await new Promise((r) => setTimeout(r, 500));
    expect(await connect(id)).toMatchObject({ ConnectionState: "FAILED", ConnectionErrorCode: "XKS_PROXY_INVALID_CONFIGURATION" });
    await disconnect(id);
  });

  it("a proxy slower than 250 ms (paused) → XKS_PROXY_TIMED_OUT", async () => {
    const id = (await db().customKeyStore.findFirstOrThrow({ where: { name: "xks-keys" } })).id;
    await disconnect(id);
    proxy.child.kill("SIGSTOP");
    try {
      const started = Date.now();
      expect(await connect(id)).toMatchObject({ ConnectionState: "FAILED", ConnectionErrorCode: "XKS_PROXY_TIMED_OUT" });
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      proxy.child.kill("SIGCONT");
    }
    await disconnect(id);
    expect((await connect(id)).ConnectionState).toBe("CONNECTED");
  });

  it("a certificate from a CA nobody trusts → XKS_PROXY_INVALID_TLS_CONFIGURATION; garbage → XKS_PROXY_INVALID_RESPONSE", async () => {
    const goodEndpoint = await fakeProxy((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          xksProxyFleetSize: 1,
          xksProxyVendor: "Third Party",
          xksProxyModel: "tp-1",
          ekmVendor: "EKM",
          ekmFleetDetails: [{ id: "hsm-1", model: "m", healthStatus: "ACTIVE" }],
        }),
      ),
    );
    const id = await createStore("fault-tls", { XksProxyUriEndpoint: goodEndpoint });
    // The "third-party proxy" now answers garbage, then presents an untrusted certificate on the same port.
    const port = Number(new URL(goodEndpoint).port);
    const first = servers.pop()!;
    await new Promise((r) => first.close(r));
    first.closeAllConnections?.();
    const listenOn = async (handler: http.RequestListener, tls?: { cert: string; key: string }) => {
      const tlsFiles = tls ?? {
        cert: fs.readFileSync(path.join(proxyDir, "xks-proxy", "tls", "server.crt"), "utf8"),
        key: fs.readFileSync(path.join(proxyDir, "xks-proxy", "tls", "server.key"), "utf8"),
      };
      const server = https.createServer(tlsFiles, handler);
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
      return server;
    };
    const garbage = await listenOn((_req, res) => res.writeHead(200).end("not json"));
    expect(await connect(id)).toMatchObject({ ConnectionState: "FAILED", ConnectionErrorCode: "XKS_PROXY_INVALID_RESPONSE" });
    await disconnect(id);
    await new Promise((r) => garbage.close(r));
    garbage.closeAllConnections?.();
    // A CA and certificate made as a proxy's set-up makes them, by a CA the service does not trust.
    const untrusted = path.join(proxyDir, "untrusted");
    fs.mkdirSync(untrusted);
    const files = {
      caCertificate: path.join(untrusted, "ca.crt"),
      certificate: path.join(untrusted, "s.crt"),
      privateKey: path.join(untrusted, "s.key"),
    };
    await ensureTlsFiles(files);
    await listenOn((_req, res) => res.writeHead(200).end("{}"), {
      cert: fs.readFileSync(files.certificate, "utf8"),
      key: fs.readFileSync(files.privateKey, "utf8"),
    });
    expect(await connect(id)).toMatchObject({ ConnectionState: "FAILED", ConnectionErrorCode: "XKS_PROXY_INVALID_TLS_CONFIGURATION" });
    await disconnect(id);
  });

  it("the proxy stopped → XKS_PROXY_NOT_REACHABLE and KMSInvalidStateException; restarted, old ciphertext still decrypts", async () => {
    const id = (await db().customKeyStore.findFirstOrThrow({ where: { name: "xks-keys" } })).id;
    const key = (await db().kmsKey.findFirstOrThrow({ where: { customKeyStoreId: id, xksKeyId: "key-a" } })).id;
    const { CiphertextBlob } = await service.kms.send(new EncryptCommand({ KeyId: key, Plaintext: Buffer.from("before the restart") }));
    const port = new URL(proxy.url).port;
    await proxy.stop();
    const crypto = await failure(service.kms.send(new EncryptCommand({ KeyId: key, Plaintext: Buffer.from("x") })));
    expect(crypto).toMatchObject({ name: "KMSInvalidStateException", status: 400 });
    expect((await failure(service.kms.send(new DecryptCommand({ CiphertextBlob }))))?.name).toBe("KMSInvalidStateException");
    await disconnect(id);
    expect(await connect(id)).toMatchObject({ ConnectionState: "FAILED", ConnectionErrorCode: "XKS_PROXY_NOT_REACHABLE" });
    await disconnect(id);

    // This process has opened the service's tokens since, which set SOFTHSM2_CONF (read by SoftHSM only
    // at C_Initialize): the proxy must not inherit it.
    const conf = process.env.SOFTHSM2_CONF;
    delete process.env.SOFTHSM2_CONF;
    try {
      proxy = await spawnProxy(prepared, ["--port", port]);
    } finally {
      if (conf !== undefined) process.env.SOFTHSM2_CONF = conf;
    }
    await warmUp();
    expect((await connect(id)).ConnectionState).toBe("CONNECTED");
    expect(Buffer.from((await service.kms.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString()).toBe("before the restart");
  });
});

describe.skipIf(!haveAwsCli)("the AWS CLI's external key store flow", () => {
  const aws = useAwsCli({ url: () => service.url, region: REGION, credentials: CREDENTIALS });
  const kms = async (...args: string[]): Promise<any> => {
    const { stdout } = await aws(["kms", ...args]);
    return stdout.trim() ? JSON.parse(stdout) : {};
  };

  it("create, connect, create a key with an external key id, encrypt and decrypt a file with an encryption context, disconnect", async () => {
    const c = credentialOf(KEYS);
    const { CustomKeyStoreId: id } = await kms(
      "create-custom-key-store",
      "--custom-key-store-name",
      "cli-xks",
      "--custom-key-store-type",
      "EXTERNAL_KEY_STORE",
      "--xks-proxy-connectivity",
      "PUBLIC_ENDPOINT",
      "--xks-proxy-uri-endpoint",
      endpoint.replace("127.0.0.1", "localhost"),
      "--xks-proxy-uri-path",
      pathOf(KEYS),
      "--xks-proxy-authentication-credential",
      `AccessKeyId=${c.accessKeyId},RawSecretAccessKey=${c.secretAccessKey}`,
    );
    expect(id).toMatch(/^cks-/);
    await kms("connect-custom-key-store", "--custom-key-store-id", id);
    expect((await waitForConnectionState(service.kms, id, "CONNECTED", "FAILED")).ConnectionState).toBe("CONNECTED");
    const described = await kms("describe-custom-key-stores", "--custom-key-store-id", id);
    expect(described.CustomKeyStores[0].XksProxyConfiguration).toMatchObject({ Connectivity: "PUBLIC_ENDPOINT", UriPath: pathOf(KEYS) });

    const { KeyMetadata } = await kms("create-key", "--origin", "EXTERNAL_KEY_STORE", "--custom-key-store-id", id, "--xks-key-id", "key-b");
    expect(KeyMetadata).toMatchObject({ Origin: "EXTERNAL_KEY_STORE", XksKeyConfiguration: { Id: "key-b" }, KeyState: "Enabled" });

    const work = fs.mkdtempSync(path.join(os.tmpdir(), "keyhold-xks-cli-"));
    try {
      const file = path.join(work, "orders.csv");
      fs.writeFileSync(file, "id,amount\n1,42\n");
      const encrypted = await kms(
        "encrypt",
        "--key-id",
        KeyMetadata.KeyId,
        "--plaintext",
        `fileb://${file}`,
        "--encryption-context",
        "purpose=cli,team=orders",
      );
      fs.writeFileSync(path.join(work, "orders.csv.enc"), Buffer.from(encrypted.CiphertextBlob, "base64"));
      const decrypted = await kms(
        "decrypt",
        "--ciphertext-blob",
        `fileb://${path.join(work, "orders.csv.enc")}`,
        "--encryption-context",
        "purpose=cli,team=orders",
      );
      expect(Buffer.from(decrypted.Plaintext, "base64").toString()).toBe("id,amount\n1,42\n");
      expect(decrypted.KeyId).toBe(KeyMetadata.Arn);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }

    await kms("disconnect-custom-key-store", "--custom-key-store-id", id);
    expect((await waitForConnectionState(service.kms, id, "DISCONNECTED")).ConnectionState).toBe("DISCONNECTED");
  });
});
