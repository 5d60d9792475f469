// The XKS proxy's life while it runs, against the real process: credential rotation without a restart
// (the CLI edits the sealed credentials file, the proxy re-reads it), key management through the CLI and
// the admin socket, a settings reload on SIGHUP, and a graceful shutdown that finishes a request in flight.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import type http from "node:http";
import https from "node:https";
import path from "node:path";
import { parse, stringify } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTempDataDir, useTempDataDir } from "@/test/hsm-support.ts";
import { metadata, signXks, XksClient, type XksCredential } from "@/test/xks-client.ts";
import { prepareProxy, spawnProxy, type PreparedProxy, type ProxyProcess } from "@/test/xks-proxy-process.ts";

const dir = useTempDataDir("xks-lifecycle");
const P = "/keyhold";
let prepared: PreparedProxy;
let proxy: ProxyProcess;
let agent: http.Agent;

beforeAll(async () => {
  prepared = await prepareProxy({
    dataDir: dir,
    keys: [{ keyId: "key-a" }, { keyId: "key-toggle" }],
    stores: [{ prefix: P, keyIds: ["key-a", "key-toggle"], credentials: 2 }],
  });
  proxy = await spawnProxy(prepared);
  agent = proxy.agent();
});

afterAll(async () => {
  agent?.destroy();
  await proxy?.stop();
  removeTempDataDir(dir);
});

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", path.resolve("lib/xks-proxy/main.ts"), ...args], {
    env: { ...process.env, KEYHOLD_DATA_DIR: dir },
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const health = () => ({ requestMetadata: { kmsRequestId: crypto.randomUUID(), kmsOperation: "KmsHealthCheck" } });
const client = (credential: XksCredential) => new XksClient(proxy.url, agent, P, credential);
const statusWith = async (credential: XksCredential) => (await client(credential).post("health", health())).status;

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

const encryptBody = () => ({
  requestMetadata: metadata(),
  plaintext: Buffer.from("hello").toString("base64"),
  encryptionAlgorithm: "AES_GCM",
});
const metaBody = () => ({ requestMetadata: metadata({ kmsOperation: "CreateKey" }) });

describe("credential rotation without a restart", () => {
  it("adds a credential, then removes the old one: the new works, the removed one stops working", async () => {
    const [first, second] = prepared.credentials.get(P)!;
    const pid = proxy.child.pid;
    expect(await statusWith(first!)).toBe(200);
    expect(await statusWith(second!)).toBe(200);

    const added = cli("credentials", "add", "--prefix", P);
    expect(added.status).toBe(0);
    const file = JSON.parse(added.stdout) as {
      XksProxyUriPath: string;
      XksProxyAuthenticationCredential: { AccessKeyId: string; RawSecretAccessKey: string };
    };
    expect(file.XksProxyUriPath).toBe("/keyhold/kms/xks/v1");
    const third = {
      accessKeyId: file.XksProxyAuthenticationCredential.AccessKeyId,
      secretAccessKey: file.XksProxyAuthenticationCredential.RawSecretAccessKey,
    };
    expect(third.accessKeyId).toMatch(/^[A-Z2-7]{20,30}$/);
    expect(third.secretAccessKey).toMatch(/^[a-zA-Z0-9/+=]{43,64}$/);
    // Sealed at rest: the secret is nowhere in the credentials file.
    expect(fs.readFileSync(prepared.credentialsFile, "utf8").includes(third.secretAccessKey)).toBe(false);
    await until(async () => (await statusWith(third)) === 200);

    expect(cli("credentials", "remove", first!.accessKeyId).status).toBe(0);
    await until(async () => (await statusWith(first!)) === 401);
    expect(await statusWith(second!)).toBe(200);
    expect(await statusWith(third)).toBe(200);
    const list = JSON.parse(cli("credentials", "list").stdout) as { credentials: Array<{ accessKeyId: string }> };
    expect(list.credentials.map((c) => c.accessKeyId).sort()).toEqual([second!.accessKeyId, third.accessKeyId].sort());
    expect(proxy.child.pid).toBe(pid);
    expect(proxy.child.exitCode).toBeNull();
  });
});

describe("keys through the CLI and the admin socket while the proxy runs", () => {
  it("disables and enables a key", async () => {
    const c = client(prepared.credentials.get(P)![1]!);
    const disabled = cli("keys", "disable", "key-toggle");
    expect(disabled.status).toBe(0);
    expect(JSON.parse(disabled.stdout)).toMatchObject({ keyId: "key-toggle", keyStatus: "DISABLED" });
    expect((await c.post("keys/key-toggle/metadata", metaBody())).json).toEqual({
      keySpec: "AES_256",
      keyUsage: ["ENCRYPT", "DECRYPT"],
      keyStatus: "DISABLED",
    });
    const refused = await c.post("keys/key-toggle/encrypt", encryptBody());
    expect({ status: refused.status, errorName: refused.json.errorName }).toEqual({ status: 400, errorName: "InvalidStateException" });
    expect(cli("keys", "enable", "key-toggle").status).toBe(0);
    expect((await c.post("keys/key-toggle/encrypt", encryptBody())).status).toBe(200);
  });

  it("creates an encrypt-only key, which serves once SIGHUP loads an allow-list naming it", async () => {
    const c = client(prepared.credentials.get(P)![1]!);
    const created = cli("keys", "create", "key-new", "--usage", "ENCRYPT");
    expect(created.status).toBe(0);
    expect(JSON.parse(created.stdout)).toEqual({ keyId: "key-new", keySpec: "AES_256", keyUsage: ["ENCRYPT"], keyStatus: "ENABLED" });
    const before = await c.post("keys/key-new/metadata", metaBody());
    expect({ status: before.status, errorName: before.json.errorName }).toEqual({ status: 404, errorName: "KeyNotFoundException" });

    const raw = parse(fs.readFileSync(prepared.settingsFile, "utf8")) as any;
    raw.external_key_stores[0].xks_key_id_set.push("key-new");
    fs.writeFileSync(prepared.settingsFile, stringify(raw));
    proxy.child.kill("SIGHUP");
    await until(async () => (await c.post("keys/key-new/metadata", metaBody())).status === 200);
    expect((await c.post("keys/key-new/metadata", metaBody())).json).toEqual({
      keySpec: "AES_256",
      keyUsage: ["ENCRYPT"],
      keyStatus: "ENABLED",
    });
    const list = JSON.parse(cli("keys", "list").stdout) as { keys: Array<{ keyId: string; prefixes: string[] }> };
    expect(list.keys.map((k) => [k.keyId, k.prefixes])).toEqual([
      ["key-a", [P]],
      ["key-new", [P]],
      ["key-toggle", [P]],
      ["keyhold-demo-key", []],
    ]);
  });

  it("keeps the previous settings when the file is broken, and says which setting is wrong", async () => {
    const good = fs.readFileSync(prepared.settingsFile, "utf8");
    fs.writeFileSync(prepared.settingsFile, good.replace('uri_path_prefix = "/keyhold"', 'uri_path_prefix = "keyhold/"'));
    proxy.child.kill("SIGHUP");
    await until(async () => proxy.logs().some((l) => l.includes("settings not reloaded")));
    const line = JSON.parse(proxy.logs().find((l) => l.includes("settings not reloaded"))!);
    expect(line.detail).toMatch(/external_key_stores\[0\]\.uri_path_prefix: must be empty or/);
    expect(await statusWith(prepared.credentials.get(P)![1]!)).toBe(200);
    const check = cli("keys", "list");
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/external_key_stores\[0\]\.uri_path_prefix/);
    fs.writeFileSync(prepared.settingsFile, good);
  });
});

describe("graceful shutdown", () => {
  it("on SIGTERM stops accepting, finishes the request in flight, then C_Finalizes and exits 0", async () => {
    const credential = prepared.credentials.get(P)![1]!;
    const url = new URL(proxy.url);
    const body = JSON.stringify(encryptBody());
    const apiPath = `${P}/kms/xks/v1/keys/key-a/encrypt`;
    const headers = { ...signXks({ host: url.host, path: apiPath, body, credential }), "content-length": String(Buffer.byteLength(body)) };
    const ca = fs.readFileSync(prepared.caCertificate);
    const response = new Promise<{ status: number; json: any }>((resolve, reject) => {
      const req = https.request({ host: url.hostname, port: url.port, method: "POST", path: apiPath, headers, ca, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("end", () => resolve({ status: res.statusCode!, json: JSON.parse(Buffer.concat(chunks).toString()) }));
      });
      req.on("error", reject);
      // Half the body now (the request is in flight), the rest after the SIGTERM.
      req.write(body.slice(0, 20));
      setTimeout(() => {
        proxy.child.kill("SIGTERM");
        setTimeout(() => {
          // Not accepting any more: a new connection is refused while the old request is still open.
          const late = https.request({ host: url.hostname, port: url.port, method: "POST", path: apiPath, ca, agent: false });
          late.on("error", (e: NodeJS.ErrnoException) => {
            lateError = e.code;
            req.end(body.slice(20));
          });
          late.end();
        }, 300);
      }, 300);
    });
    let lateError: string | undefined;
    const r = await response;
    expect(lateError).toBe("ECONNREFUSED");
    expect(r.status).toBe(200);
    expect(Buffer.from(r.json.ciphertext, "base64")).toHaveLength(5);
    expect(await proxy.exited).toBe(0);
    const entries = proxy.logs().map((l) => JSON.parse(l));
    const messages = entries.map((e) => e.msg as string);
    // The request in flight was answered after the shutdown began, then everything stopped in order.
    const began = messages.indexOf("shutting down");
    expect(began).toBeGreaterThan(0);
    expect(entries.slice(began).find((e) => e.msg === "request")).toMatchObject({ operation: "Encrypt", status: 200 });
    expect(messages.at(-1)).toBe("stopped");
    expect(messages.at(-2)).toMatch(/^stopped: xks-(admin|server), .*pkcs11/);
    // Released: the token directory's lock and the admin socket are gone.
    expect(fs.existsSync(path.join(dir, "xks-proxy", "hsm.lock"))).toBe(false);
    expect(fs.existsSync(path.join(dir, "xks-proxy", "admin.sock"))).toBe(false);
  });
});

describe("after a restart (plain HTTP on loopback, --http)", () => {
  let again: ProxyProcess;
  let againAgent: http.Agent;
  beforeAll(async () => {
    const refused = cli("serve", "--http", "--host", "0.0.0.0", "--port", "0");
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--http serves on loopback only; server.ip is "0.0.0.0"');
    again = await spawnProxy(prepared, ["--http"]);
    expect(again.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    againAgent = again.agent();
  });
  afterAll(async () => {
    againAgent?.destroy();
    await again?.stop();
  });

  it("keeps keys, key states and the rotated credentials", async () => {
    const [, second] = prepared.credentials.get(P)!;
    const c = new XksClient(again.url, againAgent, P, second!);
    expect((await c.post("keys/key-a/encrypt", encryptBody())).status).toBe(200);
    expect((await c.post("keys/key-new/metadata", metaBody())).json).toEqual({
      keySpec: "AES_256",
      keyUsage: ["ENCRYPT"],
      keyStatus: "ENABLED",
    });
    const first = await new XksClient(again.url, againAgent, P, prepared.credentials.get(P)![0]!).post("health", health());
    expect({ status: first.status, errorName: first.json.errorName }).toEqual({ status: 401, errorName: "AuthenticationFailedException" });
  });

  it("reports DEGRADED when the HSM round trip is slower than degraded_latency_ms", async () => {
    const c = new XksClient(again.url, againAgent, P, prepared.credentials.get(P)![1]!);
    const raw = parse(fs.readFileSync(prepared.settingsFile, "utf8")) as any;
    raw.health = { cache_seconds: 0, degraded_latency_ms: 0.000001 };
    fs.writeFileSync(prepared.settingsFile, stringify(raw));
    again.child.kill("SIGHUP");
    await until(async () => (await c.post("health", health())).json?.ekmFleetDetails?.[0]?.healthStatus === "DEGRADED");
  });

  it("stops with exit code 0", async () => {
    expect(await again.stop()).toBe(0);
  });
});
