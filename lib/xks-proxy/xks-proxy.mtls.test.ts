// Mutual TLS (spec §2.1, SHOULD): with [tls] mtls_client_ca and mtls_client_dns_name set, the real proxy
// process serves only clients whose certificate chains to that CA and names that DNS name (as KMS's
// cks.kms.<Region>.amazonaws.com certificate does); any other client's connection ends before a request.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCa, type TestCa } from "@/test/client-certificates.ts";
import { removeTempDataDir, useTempDataDir } from "@/test/hsm-support.ts";
import { XksClient } from "@/test/xks-client.ts";
import { prepareProxy, spawnProxy, type PreparedProxy, type ProxyProcess } from "@/test/xks-proxy-process.ts";

const dir = useTempDataDir("xks-mtls");
const KMS_NAME = "cks.kms.us-east-1.amazonaws.com";
let prepared: PreparedProxy;
let proxy: ProxyProcess;
let kmsCa: TestCa;

beforeAll(async () => {
  kmsCa = await createTestCa("Test Amazon-like CA");
  fs.mkdirSync(path.join(dir, "xks-proxy", "tls"), { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(dir, "xks-proxy", "tls", "kms-client-ca.crt"), kmsCa.certificatePem);
  prepared = await prepareProxy({
    dataDir: dir,
    keys: [],
    stores: [{ prefix: "/keyhold", keyIds: [] }],
    settings: { tls: { mtls_client_ca: "tls/kms-client-ca.crt", mtls_client_dns_name: KMS_NAME } },
  });
  proxy = await spawnProxy(prepared);
});

afterAll(async () => {
  await proxy?.stop();
  removeTempDataDir(dir);
});

async function health(options: { cert?: string; key?: string }) {
  const agent = proxy.agent({ ...options, keepAlive: false });
  try {
    const client = new XksClient(proxy.url, agent, "/keyhold", prepared.credentials.get("/keyhold")![0]!);
    return await client.post("health", { requestMetadata: { kmsRequestId: crypto.randomUUID(), kmsOperation: "KmsHealthCheck" } });
  } finally {
    agent.destroy();
  }
}

describe("mutual TLS", () => {
  it("serves a client certificate from the configured CA for the configured name", async () => {
    const r = await health(await kmsCa.issue(KMS_NAME));
    expect(r.status).toBe(200);
    expect(r.json.ekmFleetDetails[0].healthStatus).toBe("ACTIVE");
  });

  it("ends the connection of a client without a certificate, with one for another name, or from another CA", async () => {
    await expect(health({})).rejects.toThrow();
    await expect(health(await kmsCa.issue("cks.kms.example.com"))).rejects.toThrow();
    const otherCa = await createTestCa("Some other CA");
    await expect(health(await otherCa.issue(KMS_NAME))).rejects.toThrow();
    expect(proxy.logs().some((l) => JSON.parse(l).msg === "mTLS: client certificate for another name; connection closed")).toBe(true);
  });
});
