// Conformance of the XKS proxy with spec/xks-proxy.md §1-5 and §9, against the real proxy process over
// HTTPS (trusting the CA set-up generated) on a real SoftHSM token in a temp data dir. Every check asserts
// the HTTP status, errorName and field values, never a substring.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import tls from "node:tls";
import { SignatureV4 } from "@smithy/signature-v4";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeTempDataDir, useTempDataDir } from "@/test/hsm-support.ts";
import { metadata, send, signXks, XksClient, type XksCredential } from "@/test/xks-client.ts";
import { prepareProxy, spawnProxy, type PreparedProxy, type ProxyProcess } from "@/test/xks-proxy-process.ts";

const dir = useTempDataDir("xks-conformance");

const bytes = (d: string | ArrayBuffer | ArrayBufferView) =>
  typeof d === "string" ? d : d instanceof ArrayBuffer ? Buffer.from(d) : Buffer.from(d.buffer, d.byteOffset, d.byteLength);

/** SHA-256 (HMAC with a secret) for the SDK signer, from node:crypto. */
class Sha256 {
  private readonly hash: crypto.Hash | crypto.Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? crypto.createHash("sha256") : crypto.createHmac("sha256", bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {}
}
const P = "/keyhold";
const B = "/tenant-b/store_1";
const T = "/throttled";
const KEYS = { ed: "key-ed", enc: "key-enc-only", dec: "key-dec-only", off: "key-disabled", b: "key-tenant-b", toggle: "key-toggle" };

let prepared: PreparedProxy;
let proxy: ProxyProcess;
let xks: XksClient;
let agent: import("node:http").Agent;

beforeAll(async () => {
  prepared = await prepareProxy({
    dataDir: dir,
    keys: [
      { keyId: KEYS.ed },
      { keyId: KEYS.enc, usage: "ENCRYPT" },
      { keyId: KEYS.dec, usage: "DECRYPT" },
      { keyId: KEYS.off, disabled: true },
      { keyId: KEYS.b },
      { keyId: KEYS.toggle },
    ],
    stores: [
      { prefix: P, keyIds: [KEYS.ed, KEYS.enc, KEYS.dec, KEYS.off, KEYS.toggle, "key-not-on-token"], credentials: 2 },
      { prefix: B, keyIds: [KEYS.b] },
      { prefix: "", keyIds: [KEYS.ed] },
      { prefix: T, keyIds: [KEYS.ed], throttleRps: 0.01, throttleBurst: 3 },
    ],
  });
  proxy = await spawnProxy(prepared);
  agent = proxy.agent();
  xks = new XksClient(proxy.url, agent, P, cred(P, 0));
});

afterAll(async () => {
  agent?.destroy();
  await proxy?.stop();
  removeTempDataDir(dir);
});

function cred(prefix: string, i: number): XksCredential {
  return prepared.credentials.get(prefix)![i]!;
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");
const AAD = b64("project=nile,department=marketing");

function encryptBody(extra: Record<string, unknown> = {}) {
  return {
    requestMetadata: metadata(),
    plaintext: b64("Hello World!"),
    encryptionAlgorithm: "AES_GCM",
    additionalAuthenticatedData: AAD,
    ...extra,
  };
}

async function encryptOk(keyId = KEYS.ed, extra: Record<string, unknown> = {}) {
  const r = await xks.post(`keys/${keyId}/encrypt`, encryptBody(extra));
  expect(r.status).toBe(200);
  return r.json as {
    ciphertext: string;
    initializationVector: string;
    authenticationTag: string;
    ciphertextMetadata?: string;
    ciphertextDataIntegrityValue?: string;
  };
}

function decryptBody(
  sealed: { ciphertext: string; initializationVector: string; authenticationTag: string; ciphertextMetadata?: string },
  extra: Record<string, unknown> = {},
) {
  return {
    requestMetadata: metadata({ kmsOperation: "Decrypt" }),
    ciphertext: sealed.ciphertext,
    initializationVector: sealed.initializationVector,
    authenticationTag: sealed.authenticationTag,
    ...(sealed.ciphertextMetadata === undefined ? {} : { ciphertextMetadata: sealed.ciphertextMetadata }),
    encryptionAlgorithm: "AES_GCM",
    additionalAuthenticatedData: AAD,
    ...extra,
  };
}

function expectError(r: { status: number; json: any }, status: number, errorName: string) {
  expect({ status: r.status, errorName: r.json?.errorName }).toEqual({ status, errorName });
  expect(typeof r.json.errorMessage).toBe("string");
  expect(r.json.errorMessage).toMatch(/^[\x20-\x7e]{0,511}$/);
}

describe("the proxy's own token", () => {
  it("lives in data/xks-proxy/tokens, not in the console's token directory", () => {
    expect(fs.readdirSync(path.join(dir, "xks-proxy", "tokens"))).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, "tokens"))).toBe(false);
    expect(fs.readFileSync(path.join(dir, "xks-proxy", "softhsm2.conf"), "utf8")).toContain(
      `directories.tokendir = ${path.join(dir, "xks-proxy", "tokens")}\n`,
    );
  });
});

describe("GetHealthStatus (spec §1.5, §5)", () => {
  it("answers a deep health check with every field in range", async () => {
    const r = await xks.post("health", { requestMetadata: { kmsRequestId: crypto.randomUUID(), kmsOperation: "KmsHealthCheck" } });
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/json");
    const h = r.json;
    expect(h.xksProxyFleetSize).toBe(1);
    expect(h.xksProxyVendor).toBe("Keyhold");
    expect(h.xksProxyModel).toBe("Keyhold XKS proxy 0.1.0");
    expect(h.ekmVendor).toMatch(/^SoftHSM project \(serial number: [0-9a-f]{16}\)$/);
    expect(h.ekmFleetDetails).toHaveLength(1);
    expect(h.ekmFleetDetails[0]).toEqual({ id: "keyhold-xks-proxy", model: "SoftHSM v2 (libsofthsm2.so)", healthStatus: "ACTIVE" });
  });

  it("accepts unknown kmsOperation values and unknown requestMetadata fields", async () => {
    const r = await xks.post("health", {
      requestMetadata: { kmsRequestId: "x", kmsOperation: "SomeFutureOperation", newField: { a: 1 } },
      extra: true,
    });
    expect(r.status).toBe(200);
    expect(r.json.ekmFleetDetails[0].healthStatus).toBe("ACTIVE");
  });

  it("answers ValidationException for {} and for metadata without kmsOperation (test-client behaviour)", async () => {
    expectError(await xks.post("health", {}), 400, "ValidationException");
    expectError(await xks.post("health", { requestMetadata: {} }), 400, "ValidationException");
    expectError(await xks.post("health", { requestMetadata: { kmsRequestId: "r" } }), 400, "ValidationException");
    expectError(
      await xks.post("health", { requestMetadata: { kmsRequestId: 7, kmsOperation: "KmsHealthCheck" } }),
      400,
      "ValidationException",
    );
  });

  it("is served under the empty prefix too", async () => {
    const noPrefix = new XksClient(proxy.url, agent, "", cred("", 0));
    const r = await noPrefix.post("health", { requestMetadata: { kmsRequestId: "r", kmsOperation: "CreateCustomKeyStore" } });
    expect(r.status).toBe(200);
  });
});

describe("GetKeyMetadata (spec §1.2)", () => {
  const meta = (extra = {}) => ({
    requestMetadata: { awsPrincipalArn: "arn:aws:iam::111122223333:user/alice", kmsOperation: "CreateKey", kmsRequestId: "r", ...extra },
  });

  it("reads AES_256, the usage from CKA_ENCRYPT/CKA_DECRYPT and ENABLED", async () => {
    const r = await xks.post(`keys/${KEYS.ed}/metadata`, meta());
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ keySpec: "AES_256", keyUsage: ["ENCRYPT", "DECRYPT"], keyStatus: "ENABLED" });
    expect((await xks.post(`keys/${KEYS.enc}/metadata`, meta())).json).toEqual({
      keySpec: "AES_256",
      keyUsage: ["ENCRYPT"],
      keyStatus: "ENABLED",
    });
    expect((await xks.post(`keys/${KEYS.dec}/metadata`, meta())).json).toEqual({
      keySpec: "AES_256",
      keyUsage: ["DECRYPT"],
      keyStatus: "ENABLED",
    });
  });

  it("reports a disabled key as DISABLED", async () => {
    const r = await xks.post(`keys/${KEYS.off}/metadata`, meta());
    expect(r.json).toEqual({ keySpec: "AES_256", keyUsage: ["ENCRYPT", "DECRYPT"], keyStatus: "DISABLED" });
  });

  it("tolerates the test client's kmsKeyArn, kmsViaService and DescribeKey", async () => {
    const r = await xks.post(
      `keys/${KEYS.ed}/metadata`,
      meta({ kmsOperation: "DescribeKey", kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/x", kmsViaService: "ebs" }),
    );
    expect(r.status).toBe(200);
    expect(r.json.keySpec).toBe("AES_256");
  });

  it("answers KeyNotFoundException for a key not on the token, not on the prefix's allow-list, or unknown", async () => {
    expectError(await xks.post("keys/key-not-on-token/metadata", meta()), 404, "KeyNotFoundException");
    expectError(await xks.post(`keys/${KEYS.b}/metadata`, meta()), 404, "KeyNotFoundException");
    expectError(await xks.post("keys/no-such-key/metadata", meta()), 404, "KeyNotFoundException");
    expectError(await xks.post("keys/keyhold-xks-health-check/metadata", meta()), 404, "KeyNotFoundException");
    const tenantB = new XksClient(proxy.url, agent, B, cred(B, 0));
    expect((await tenantB.post(`keys/${KEYS.b}/metadata`, meta())).json).toEqual({
      keySpec: "AES_256",
      keyUsage: ["ENCRYPT", "DECRYPT"],
      keyStatus: "ENABLED",
    });
  });

  it("requires awsPrincipalArn, kmsOperation and kmsRequestId", async () => {
    for (const missing of ["awsPrincipalArn", "kmsOperation", "kmsRequestId"]) {
      const m = meta().requestMetadata as Record<string, unknown>;
      delete m[missing];
      expectError(await xks.post(`keys/${KEYS.ed}/metadata`, { requestMetadata: m }), 400, "ValidationException");
    }
  });
});

describe("Encrypt and Decrypt (spec §1.3, §1.4, §4)", () => {
  it("round-trips: 12-byte IV, 16-byte tag, ciphertext as long as the plaintext, metadata of at most 20 bytes", async () => {
    const e = await encryptOk();
    expect(Buffer.from(e.initializationVector, "base64")).toHaveLength(12);
    expect(Buffer.from(e.authenticationTag, "base64")).toHaveLength(16);
    expect(Buffer.from(e.ciphertext, "base64")).toHaveLength(12);
    expect(Buffer.from(e.ciphertextMetadata!, "base64").toString()).toBe("kh1");
    expect(e.ciphertextDataIntegrityValue).toBeUndefined();
    const d = await xks.post(`keys/${KEYS.ed}/decrypt`, decryptBody(e));
    expect(d.status).toBe(200);
    expect(d.json).toEqual({ plaintext: b64("Hello World!") });
  });

  it("returns the CDIV of spec Appendix C over AAD, metadata, IV, ciphertext and tag", async () => {
    const e = await encryptOk(KEYS.ed, { ciphertextDataIntegrityValueAlgorithm: "SHA_256" });
    const expected = crypto
      .createHash("sha256")
      .update(
        Buffer.concat(
          [AAD, e.ciphertextMetadata!, e.initializationVector, e.ciphertext, e.authenticationTag].map((x) => Buffer.from(x, "base64")),
        ),
      )
      .digest("base64");
    expect(e.ciphertextDataIntegrityValue).toBe(expected);
  });

  it("works without AAD, and then a decrypt that adds AAD is InvalidCiphertextException", async () => {
    const e = await encryptOk(KEYS.ed, { additionalAuthenticatedData: undefined });
    expect((await xks.post(`keys/${KEYS.ed}/decrypt`, decryptBody(e, { additionalAuthenticatedData: undefined }))).json).toEqual({
      plaintext: b64("Hello World!"),
    });
    expectError(await xks.post(`keys/${KEYS.ed}/decrypt`, decryptBody(e)), 400, "InvalidCiphertextException");
  });

  it("handles the spec minimums: 4300 bytes of plaintext and 8192 bytes of AAD", async () => {
    const plaintext = crypto.randomBytes(4300);
    const aad = crypto.randomBytes(8192).toString("base64");
    const e = await encryptOk(KEYS.ed, { plaintext: plaintext.toString("base64"), additionalAuthenticatedData: aad });
    expect(Buffer.from(e.ciphertext, "base64")).toHaveLength(4300);
    const d = await xks.post(`keys/${KEYS.ed}/decrypt`, decryptBody(e, { additionalAuthenticatedData: aad }));
    expect(Buffer.from(d.json.plaintext, "base64").equals(plaintext)).toBe(true);
  });

  it("answers UnsupportedOperationException (501) above this proxy's maxima", async () => {
    expectError(
      await xks.post(`keys/${KEYS.ed}/encrypt`, encryptBody({ plaintext: b64(crypto.randomBytes(6147)) })),
      501,
      "UnsupportedOperationException",
    );
    expectError(
      await xks.post(`keys/${KEYS.ed}/encrypt`, encryptBody({ additionalAuthenticatedData: b64(crypto.randomBytes(12291)) })),
      501,
      "UnsupportedOperationException",
    );
    const e = await encryptOk();
    expectError(
      await xks.post(`keys/${KEYS.ed}/decrypt`, decryptBody(e, { ciphertext: b64(crypto.randomBytes(6147)) })),
      501,
      "UnsupportedOperationException",
    );
    // A body far over every limit is refused before it is read whole.
    expectError(
      await xks.post(`keys/${KEYS.ed}/encrypt`, encryptBody({ plaintext: b64(crypto.randomBytes(60_000)) })),
      501,
      "UnsupportedOperationException",
    );
  });

  it("answers ValidationException for bad JSON, wrong types, bad base64 and unknown algorithms", async () => {
    const bad: Array<[string, unknown]> = [
      ["not json", "{not json"],
      ["array", "[1,2]"],
      ["no plaintext", encryptBody({ plaintext: undefined })],
      ["plaintext a number", encryptBody({ plaintext: 42 })],
      ["plaintext not base64", encryptBody({ plaintext: "!!!!" })],
      ["plaintext url-safe base64", encryptBody({ plaintext: "-_-_" })],
      ["plaintext unpadded", encryptBody({ plaintext: "SGVsbG8" })],
      ["AAD not base64", encryptBody({ additionalAuthenticatedData: "a b c d" })],
      ["no algorithm", encryptBody({ encryptionAlgorithm: undefined })],
      ["AES_CBC", encryptBody({ encryptionAlgorithm: "AES_CBC" })],
      ["CDIV MD5", encryptBody({ ciphertextDataIntegrityValueAlgorithm: "MD5" })],
      ["no requestMetadata", encryptBody({ requestMetadata: undefined })],
      ["requestMetadata a string", encryptBody({ requestMetadata: "x" })],
      ["no kmsKeyArn", encryptBody({ requestMetadata: { ...metadata(), kmsKeyArn: undefined } })],
      ["awsSourceVpc a number", encryptBody({ requestMetadata: metadata({ awsSourceVpc: 3 }) })],
    ];
    for (const [name, body] of bad) {
      const r = await xks.post(`keys/${KEYS.ed}/encrypt`, body);
      expect({ name, status: r.status, errorName: r.json?.errorName }).toEqual({ name, status: 400, errorName: "ValidationException" });
    }
    const wrongType = await xks.post(`keys/${KEYS.ed}/encrypt`, encryptBody(), { contentType: "text/plain" });
    expectError(wrongType, 400, "ValidationException");
  });

  it("ignores unknown fields beside and inside requestMetadata, and accepts 2048-character ARNs", async () => {
    const arn = `arn:aws:iam::111122223333:role/${"r".repeat(2048 - 31)}`;
    expect(arn).toHaveLength(2048);
    const e = await encryptOk(KEYS.ed, {
      requestMetadata: metadata({
        awsPrincipalArn: arn,
        kmsViaService: "ebs",
        awsSourceVpc: "vpc-1",
        awsSourceVpce: "vpce-1",
        futureField: [1],
      }),
      futureTopLevel: { x: 1 },
    });
    expect(Buffer.from(e.ciphertext, "base64")).toHaveLength(12);
  });

  it("enforces key usage: encrypt-only, decrypt-only, and CDIV on an encrypt-only key (its verifying decrypt)", async () => {
    expectError(await xks.post(`keys/${KEYS.dec}/encrypt`, encryptBody()), 400, "InvalidKeyUsageException");
    const e = await encryptOk(KEYS.enc);
    expectError(await xks.post(`keys/${KEYS.enc}/decrypt`, decryptBody(e)), 400, "InvalidKeyUsageException");
    expectError(
      await xks.post(`keys/${KEYS.enc}/encrypt`, encryptBody({ ciphertextDataIntegrityValueAlgorithm: "SHA_256" })),
      400,
      "InvalidKeyUsageException",
    );
  });

  it("answers InvalidStateException for a disabled key", async () => {
    expectError(await xks.post(`keys/${KEYS.off}/encrypt`, encryptBody()), 400, "InvalidStateException");
    const e = await encryptOk();
    expectError(await xks.post(`keys/${KEYS.off}/decrypt`, decryptBody(e)), 400, "InvalidStateException");
  });

  it("answers InvalidCiphertextException for tampered ciphertext, IV, tag, AAD, metadata or another key", async () => {
    const e = await encryptOk();
    const flip = (text: string) => {
      const bytes = Buffer.from(text, "base64");
      bytes[0]! ^= 1;
      return bytes.toString("base64");
    };
    const cases: Record<string, Record<string, unknown>> = {
      ciphertext: { ciphertext: flip(e.ciphertext) },
      iv: { initializationVector: flip(e.initializationVector) },
      tag: { authenticationTag: flip(e.authenticationTag) },
      aad: { additionalAuthenticatedData: flip(AAD) },
      metadataChanged: { ciphertextMetadata: b64("kh2") },
      metadataRemoved: { ciphertextMetadata: undefined },
      // The bytes of the AAD and of the metadata cannot be moved between the two (length-prefixed AAD).
      movedBytes: {
        additionalAuthenticatedData: b64(Buffer.concat([Buffer.from(AAD, "base64"), Buffer.from("k")])),
        ciphertextMetadata: b64("h1"),
      },
      iv16: { initializationVector: b64(crypto.randomBytes(16)) },
      ivShort: { initializationVector: b64(crypto.randomBytes(8)) },
      tagShort: { authenticationTag: b64(crypto.randomBytes(12)) },
    };
    for (const [name, change] of Object.entries(cases)) {
      const r = await xks.post(`keys/${KEYS.ed}/decrypt`, decryptBody(e, change));
      expect({ name, status: r.status, errorName: r.json?.errorName }).toEqual({
        name,
        status: 400,
        errorName: "InvalidCiphertextException",
      });
    }
    const other = await new XksClient(proxy.url, agent, P, cred(P, 0)).post(`keys/${KEYS.toggle}/decrypt`, decryptBody(e));
    expectError(other, 400, "InvalidCiphertextException");
  });

  it("answers ValidationException for ciphertextMetadata over 20 bytes and for missing IV or tag", async () => {
    const e = await encryptOk();
    expectError(
      await xks.post(`keys/${KEYS.ed}/decrypt`, decryptBody(e, { ciphertextMetadata: b64(crypto.randomBytes(21)) })),
      400,
      "ValidationException",
    );
    expectError(await xks.post(`keys/${KEYS.ed}/decrypt`, decryptBody(e, { initializationVector: undefined })), 400, "ValidationException");
    expectError(await xks.post(`keys/${KEYS.ed}/decrypt`, decryptBody(e, { authenticationTag: undefined })), 400, "ValidationException");
    expectError(await xks.post(`keys/${KEYS.ed}/decrypt`, decryptBody(e, { ciphertext: null })), 400, "ValidationException");
  });
});

describe("routing (spec §1.1)", () => {
  it("answers 405 to GET (and other methods) on the four API URIs", async () => {
    for (const rest of ["health", `keys/${KEYS.ed}/metadata`, `keys/${KEYS.ed}/encrypt`, `keys/${KEYS.ed}/decrypt`]) {
      for (const method of ["GET", "PUT"]) {
        const r = await send(proxy.url, { method, path: xks.apiPath(rest), agent });
        expect({ rest, method, status: r.status, allow: r.headers.allow }).toEqual({ rest, method, status: 405, allow: "POST" });
      }
    }
  });

  it("answers InvalidUriPathException (404) to unknown paths and prefixes, whatever the signature", async () => {
    for (const path of [
      "/",
      "/kms/xks/v2/health",
      "/other/kms/xks/v1/health",
      `${P}/kms/xks/v1/keys/${KEYS.ed}/sign`,
      `${P}/kms/xks/v1/keys/a/b/encrypt`,
      `${P}/kms/xks/v1/healthz`,
      `${P}/kms/xks/v1/keys/${"k".repeat(129)}/encrypt`,
    ]) {
      const r = await xks.post("", encryptBody(), { path });
      expect({ path, status: r.status, errorName: r.json?.errorName }).toEqual({ path, status: 404, errorName: "InvalidUriPathException" });
    }
    const unsigned = await send(proxy.url, {
      path: "/nowhere/kms/xks/v1/health",
      body: "{}",
      agent,
      headers: { "content-type": "application/json" },
    });
    expectError(unsigned, 404, "InvalidUriPathException");
  });

  it("answers bytes that are not HTTP with a JSON ValidationException and closes the connection", async () => {
    const url = new URL(proxy.url);
    const text = await new Promise<string>((resolve, reject) => {
      const socket = tls.connect(
        { host: url.hostname, port: Number(url.port), ca: fs.readFileSync(prepared.caCertificate), servername: "localhost" },
        () => socket.write("POST /keyhold/kms/xks/v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"),
      );
      let data = "";
      socket.on("data", (d: Buffer) => (data += d.toString()));
      socket.on("end", () => resolve(data));
      socket.on("error", reject);
    });
    expect(text.split("\r\n")[0]).toBe("HTTP/1.1 400 Bad Request");
    expect(JSON.parse(text.slice(text.indexOf("\r\n\r\n") + 4))).toEqual({
      errorName: "ValidationException",
      errorMessage: "The request is not valid HTTP/1.1.",
    });
  });

  it("answers GET /ping without authentication", async () => {
    const r = await send(proxy.url, { method: "GET", path: "/ping", agent });
    expect(r.status).toBe(200);
    expect(r.text).toBe("pong from keyhold-xks-proxy v0.1.0\n");
  });
});

describe("SigV4 (spec §2)", () => {
  const health = { requestMetadata: { kmsRequestId: "r", kmsOperation: "KmsHealthCheck" } };
  const minutes = (m: number) => new Date(Date.now() + m * 60_000);

  it("accepts both credentials of a prefix, and curl-style signing of content-type", async () => {
    expect((await xks.post("health", health, { credential: cred(P, 0) })).status).toBe(200);
    expect((await xks.post("health", health, { credential: cred(P, 1) })).status).toBe(200);
    expect((await xks.post("health", health, { signContentType: true })).status).toBe(200);
    expect((await xks.post("health", health, { date: minutes(-4) })).status).toBe(200);
  });

  it("answers AuthenticationFailedException (401) to every signature failure", async () => {
    const other = cred(B, 0);
    const failures: Record<string, Partial<Parameters<XksClient["post"]>[2]>> = {
      wrongSecret: { credential: { accessKeyId: cred(P, 0).accessKeyId, secretAccessKey: crypto.randomBytes(32).toString("base64") } },
      unknownKey: { credential: { accessKeyId: "AAAAAAAAAAAAAAAAAAAAAAAA", secretAccessKey: cred(P, 0).secretAccessKey } },
      otherPrefixKey: { credential: other },
      wrongRegion: { region: "eu-west-1" },
      wrongService: { service: "kms" },
      expired: { date: minutes(-6) },
      future: { date: minutes(6) },
    };
    for (const [name, sign] of Object.entries(failures)) {
      const r = await xks.post("health", health, sign);
      expect({ name, status: r.status, errorName: r.json?.errorName }).toEqual({
        name,
        status: 401,
        errorName: "AuthenticationFailedException",
      });
    }
  });

  it("rejects a body changed after signing, a missing or malformed Authorization, and an unsigned host", async () => {
    const path = xks.apiPath("health");
    const body = JSON.stringify(health);
    const headers = signXks({ host: xks.host, path, body, credential: cred(P, 0) });
    expectError(
      await send(proxy.url, { path, headers, body: body.replace("KmsHealthCheck", "KmsHealthChecK"), agent }),
      401,
      "AuthenticationFailedException",
    );
    expectError(
      await send(proxy.url, { path, headers: { ...headers, authorization: "" }, body, agent }),
      401,
      "AuthenticationFailedException",
    );
    expectError(
      await send(proxy.url, { path, headers: { ...headers, authorization: "AWS4-HMAC-SHA256 Credential=x" }, body, agent }),
      401,
      "AuthenticationFailedException",
    );
    expectError(
      await send(proxy.url, { path, headers: { ...headers, authorization: "Basic Zm9vOmJhcg==" }, body, agent }),
      401,
      "AuthenticationFailedException",
    );
    const { "x-amz-date": _date, ...noDate } = headers;
    void _date;
    expectError(await send(proxy.url, { path, headers: noDate, body, agent }), 401, "AuthenticationFailedException");
    const noHost = headers.authorization!.replace("SignedHeaders=host;x-amz-date", "SignedHeaders=x-amz-date");
    expectError(
      await send(proxy.url, { path, headers: { ...headers, authorization: noHost }, body, agent }),
      401,
      "AuthenticationFailedException",
    );
  });

  it("accepts requests signed by the AWS SDK's own signer (@smithy/signature-v4, service kms-xks-proxy)", async () => {
    const credential = cred(P, 1);
    const signer = new SignatureV4({
      service: "kms-xks-proxy",
      region: "us-east-1",
      credentials: { accessKeyId: credential.accessKeyId, secretAccessKey: credential.secretAccessKey },
      sha256: Sha256,
    });
    const url = new URL(proxy.url);
    const call = async (rest: string, payload: unknown) => {
      const body = JSON.stringify(payload);
      const signed = await signer.sign({
        method: "POST",
        protocol: "https:",
        hostname: url.hostname,
        port: Number(url.port),
        path: xks.apiPath(rest),
        query: {},
        headers: { host: url.host, "content-type": "application/json" },
        body,
      });
      return send(proxy.url, { path: xks.apiPath(rest), headers: signed.headers as Record<string, string>, body, agent });
    };
    const h = await call("health", health);
    expect(h.status).toBe(200);
    const m = await call(`keys/${KEYS.ed}/metadata`, { requestMetadata: metadata({ kmsOperation: "CreateKey" }) });
    expect(m.json).toEqual({ keySpec: "AES_256", keyUsage: ["ENCRYPT", "DECRYPT"], keyStatus: "ENABLED" });
    const e = await call(`keys/${KEYS.ed}/encrypt`, encryptBody());
    expect(e.status).toBe(200);
    const d = await call(`keys/${KEYS.ed}/decrypt`, decryptBody(e.json));
    expect(d.json).toEqual({ plaintext: b64("Hello World!") });
  });
});

describe("operations", () => {
  it("throttles a prefix over its quota with ThrottlingException (429)", async () => {
    const t = new XksClient(proxy.url, agent, T, cred(T, 0));
    const statuses: number[] = [];
    let throttled: any;
    for (let i = 0; i < 6; i++) {
      const r = await t.post("health", { requestMetadata: { kmsRequestId: `t${i}`, kmsOperation: "KmsHealthCheck" } });
      statuses.push(r.status);
      if (r.status === 429) throttled = r;
    }
    // A burst of 3, then one request per 100 s.
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expectError(throttled, 429, "ThrottlingException");
    // Other prefixes are not affected.
    expect((await xks.post("health", { requestMetadata: { kmsRequestId: "r", kmsOperation: "KmsHealthCheck" } })).status).toBe(200);
  });

  it("serves TLS 1.2+ with the spec's cipher suites only", async () => {
    const ca = fs.readFileSync(prepared.caCertificate);
    const url = new URL(proxy.url);
    const connect = (options: tls.ConnectionOptions) =>
      new Promise<tls.TLSSocket>((resolve, reject) => {
        const socket = tls.connect({ host: url.hostname, port: Number(url.port), ca, servername: "localhost", ...options }, () =>
          resolve(socket),
        );
        socket.on("error", reject);
      });
    const s13 = await connect({});
    expect(s13.getProtocol()).toBe("TLSv1.3");
    expect(["TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"]).toContain(s13.getCipher().standardName);
    s13.destroy();
    const s12 = await connect({ maxVersion: "TLSv1.2" });
    expect(s12.getCipher().standardName).toBe("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
    s12.destroy();
    await expect(connect({ maxVersion: "TLSv1.1", minVersion: "TLSv1" })).rejects.toThrow();
    await expect(connect({ maxVersion: "TLSv1.2", ciphers: "ECDHE-ECDSA-AES128-GCM-SHA256" })).rejects.toThrow();
  });

  it("logs every request with its kmsRequestId and never a plaintext, AAD or secret", async () => {
    const id = `log-check-${crypto.randomUUID()}`;
    const secretText = "a very secret plaintext";
    await encryptOk(KEYS.ed, { requestMetadata: metadata({ kmsRequestId: id }), plaintext: b64(secretText) });
    let entry: any;
    for (let i = 0; i < 100 && !entry; i++) {
      await new Promise((r) => setTimeout(r, 100));
      entry = proxy
        .logs()
        .map((l) => JSON.parse(l))
        .find((l) => l.kmsRequestId === id);
    }
    expect(entry).toMatchObject({ level: "info", msg: "request", operation: "Encrypt", keyId: KEYS.ed, status: 200, prefix: P });
    const all = proxy.logs().join("\n");
    for (const forbidden of [b64(secretText), AAD, ...[...prepared.credentials.values()].flat().map((c) => c.secretAccessKey)]) {
      expect(all.includes(forbidden)).toBe(false);
    }
  });
});
