// An external key store for the XKS specs, on a real XKS proxy that the spec starts: the proxy is set up
// in the e2e data folder (data/e2e/xks-proxy, where the e2e console looks for its local proxy and trusts
// its CA) and served on a free port; the store is created (or, on later runs, pointed at the new port and
// credential) and connected through the AWS SDK, as an admin would with the AWS CLI.
import fs from "node:fs";
import path from "node:path";
import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  DescribeCustomKeyStoresCommand,
  DisconnectCustomKeyStoreCommand,
  KMSClient,
  UpdateCustomKeyStoreCommand,
  type CustomKeyStoresListEntry,
} from "@aws-sdk/client-kms";
import { expect, type APIRequestContext } from "@playwright/test";
import { prepareProxyElsewhere } from "../../test/xks-proxy-prepared-elsewhere.ts";
import { XksClient } from "../../test/xks-client.ts";
import { spawnProxy, type ProxyProcess } from "../../test/xks-proxy-process.ts";
import { E2E_AWS_CREDENTIALS_DIR, E2E_BASE_URL, E2E_DATA_DIR, E2E_REGION } from "./e2e-env.ts";

/** The admin's access key that prepare-data.ts wrote for the aws-backed console. */
export function e2eKmsClient(): KMSClient {
  const text = fs.readFileSync(path.join(E2E_AWS_CREDENTIALS_DIR, "credentials"), "utf8");
  const value = (name: string) => new RegExp(`^${name}\\s*=\\s*(\\S+)`, "m").exec(text)![1]!;
  return new KMSClient({
    region: E2E_REGION,
    endpoint: `${E2E_BASE_URL}/api/aws`,
    credentials: { accessKeyId: value("aws_access_key_id"), secretAccessKey: value("aws_secret_access_key") },
  });
}

export type XksFixture = { proxy: LocalProxy; kms: KMSClient; storeId: string; storeName: string; prefix: string };

// One proxy at a time owns data/e2e/xks-proxy (its token, its admin socket: the console's local proxy, whose
// CA the e2e server trusts), so specs that start one take this lock, across Playwright's worker processes.
const LOCK = path.join(E2E_DATA_DIR, "xks-proxy.e2e-lock");

/** Holds the console's local proxy folder (data/e2e/xks-proxy) for one spec: other workers wait. */
export async function lockLocalProxy(timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      fs.writeFileSync(path.join(LOCK, "pid"), String(process.pid));
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    // A lock left by a worker that died is taken over.
    const owner = Number(fs.readFileSync(path.join(LOCK, "pid"), { encoding: "utf8", flag: "a+" }) || 0);
    let alive = false;
    try {
      alive = owner > 0 && process.kill(owner, 0);
    } catch {
      alive = false;
    }
    if (owner > 0 && !alive) fs.rmSync(LOCK, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`another spec has held ${LOCK} for ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export function unlockLocalProxy(): void {
  fs.rmSync(LOCK, { recursive: true, force: true });
}

/**
 * KMS allows a proxy 250 ms, which a proxy just started under tsx on shared test cores can miss on its
 * first calls (code loaded on first use, the first deep health check): call it once, as KMS would, first.
 */
async function warmUp(proxy: ProxyProcess, prefix: string, credential: { accessKeyId: string; secretAccessKey: string }, keyIds: string[]) {
  const agent = proxy.agent();
  try {
    for (const host of ["127.0.0.1", "localhost"]) {
      const client = new XksClient(proxy.url.replace("127.0.0.1", host), agent, prefix, credential);
      const requestMetadata = { kmsRequestId: "warm-up", kmsOperation: "KmsHealthCheck" };
      expect((await client.post("health", { requestMetadata })).status).toBe(200);
      for (const keyId of keyIds)
        await client.post(`keys/${keyId}/metadata`, {
          requestMetadata: { ...requestMetadata, awsPrincipalArn: "arn:aws:iam::111122223333:root" },
        });
    }
  } finally {
    agent.destroy();
  }
}

export type LocalProxy = { proxy: ProxyProcess; credential: { accessKeyId: string; secretAccessKey: string }; stop: () => Promise<void> };

/** The console's local proxy (data/e2e/xks-proxy) set up with these keys on `prefix`, and serving on a free port. */
export async function startLocalProxy(prefix: string, keyIds: string[] = []): Promise<LocalProxy> {
  await lockLocalProxy();
  try {
    const prepared = prepareProxyElsewhere({
      dataDir: E2E_DATA_DIR,
      keys: keyIds.map((keyId) => ({ keyId })),
      stores: [{ prefix, keyIds }],
    });
    const proxy = await spawnProxy(prepared);
    await warmUp(proxy, prefix, prepared.credentials.get(prefix)![0]!, keyIds);
    return {
      proxy,
      credential: prepared.credentials.get(prefix)![0]!,
      stop: async () => {
        await proxy.stop();
        unlockLocalProxy();
      },
    };
  } catch (e) {
    unlockLocalProxy();
    throw e;
  }
}

async function describeStore(kms: KMSClient, name: string): Promise<CustomKeyStoresListEntry | undefined> {
  const r = await kms.send(new DescribeCustomKeyStoresCommand({ CustomKeyStoreName: name })).catch((e: { name?: string }) => {
    if (e.name === "CustomKeyStoreNotFoundException") return { CustomKeyStores: [] };
    throw e;
  });
  return r.CustomKeyStores?.[0];
}

async function waitForState(kms: KMSClient, name: string, state: string): Promise<void> {
  await expect
    .poll(async () => (await describeStore(kms, name))?.ConnectionState, { timeout: 60_000, intervals: [250, 500, 1000] })
    .toBe(state);
}

/**
 * The server's first call to a new proxy builds its TLS context and connection within KMS's 250 ms, which
 * a loaded test machine can miss (XksProxyUriUnreachableException, nothing created): the call is made
 * again on the then-warm connection, at most three times.
 */
async function coldStart<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if ((e as { name?: string }).name !== "XksProxyUriUnreachableException" || attempt === 3) throw e;
    }
  }
}

/** Connects and waits for CONNECTED; a connect that FAILED on a cold start (XKS_PROXY_TIMED_OUT) is made again once. */
async function connect(kms: KMSClient, id: string, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    let store: CustomKeyStoresListEntry | undefined;
    await expect
      .poll(async () => (store = await describeStore(kms, name))?.ConnectionState, { timeout: 60_000, intervals: [250, 500, 1000] })
      .toMatch(/^(CONNECTED|FAILED)$/);
    if (store?.ConnectionState === "CONNECTED") return;
    if (attempt === 2 || store?.ConnectionErrorCode !== "XKS_PROXY_TIMED_OUT")
      throw new Error(`${name} FAILED: ${store?.ConnectionErrorCode}`);
    await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: id }));
    await waitForState(kms, name, "DISCONNECTED");
  }
}

/**
 * A running proxy serving `prefix`, and a CONNECTED external key store named `storeName` on it. The
 * store is reused across runs (a store with keys cannot be deleted, and an account has at most 10).
 */
export async function startXksStore(storeName: string, prefix: string): Promise<XksFixture> {
  const local = await startLocalProxy(prefix);
  try {
    const { proxy, credential } = local;
    const kms = e2eKmsClient();
    const settings = {
      XksProxyUriEndpoint: proxy.url.replace(/\/$/, ""),
      XksProxyUriPath: `${prefix}/kms/xks/v1`,
      XksProxyAuthenticationCredential: { AccessKeyId: credential.accessKeyId, RawSecretAccessKey: credential.secretAccessKey },
    };
    let store = await describeStore(kms, storeName);
    if (!store) {
      const create = new CreateCustomKeyStoreCommand({
        CustomKeyStoreName: storeName,
        CustomKeyStoreType: "EXTERNAL_KEY_STORE",
        XksProxyConnectivity: "PUBLIC_ENDPOINT",
        ...settings,
      });
      await coldStart(() => kms.send(create));
      store = (await describeStore(kms, storeName))!;
    } else {
      if (store.ConnectionState !== "DISCONNECTED") {
        await kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: store.CustomKeyStoreId }));
        await waitForState(kms, storeName, "DISCONNECTED");
      }
      const update = new UpdateCustomKeyStoreCommand({ CustomKeyStoreId: store.CustomKeyStoreId, ...settings });
      await coldStart(() => kms.send(update));
    }
    await connect(kms, store.CustomKeyStoreId!, storeName);
    return { proxy: local, kms, storeId: store.CustomKeyStoreId!, storeName, prefix };
  } catch (e) {
    await local.stop();
    throw e;
  }
}

/** Disconnects the store (so no badge polls a stopped proxy) and stops the proxy. */
export async function stopXksStore(f: XksFixture | undefined): Promise<void> {
  if (!f) return;
  try {
    await f.kms.send(new DisconnectCustomKeyStoreCommand({ CustomKeyStoreId: f.storeId }));
    await waitForState(f.kms, f.storeName, "DISCONNECTED");
  } finally {
    await f.proxy.stop();
    f.kms.destroy();
  }
}

/** Waits until the console's (cached) key store list shows the store CONNECTED, as the wizard reads it. */
export async function waitForConsoleStore(api: APIRequestContext, storeId: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const r = await api.get("/api/key-stores");
        const body = (await r.json()) as { keyStores: { customKeyStoreId: string; connectionState: string }[] };
        return body.keyStores.find((s) => s.customKeyStoreId === storeId)?.connectionState;
      },
      { timeout: 30_000, intervals: [500, 1000] },
    )
    .toBe("CONNECTED");
}
