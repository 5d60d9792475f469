// Every refusal of the SigV4 verifier, on hand-built requests (the SDK tests cover real signers).
import { describe, expect, it } from "vitest";
import { normalizeHeaders, splitPathAndQuery } from "./http-types.ts";
import { canonicalRequest, credentialScope, sha256Hex, signatureHex, signingKey, stringToSign } from "./sigv4-canonical.ts";
import { SigV4Error, toAmzDate, verifySigV4, type AccessKeyRecord, type VerifySigV4Options } from "./verify-sigv4.ts";

const AKID = "AKIAIOSFODNN7EXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const NOW = new Date("2026-03-01T10:00:00Z");
const BODY = Buffer.from('{"NumberOfBytes":16}');

const lookups: string[] = [];
const options: VerifySigV4Options = {
  region: "us-east-1",
  services: ["kms"],
  now: NOW,
  lookupAccessKey: async (id): Promise<AccessKeyRecord | null> => {
    lookups.push(id);
    return id === AKID ? { secretAccessKey: SECRET, principalArn: "arn:aws:iam::111122223333:user/bob", userName: "bob" } : null;
  },
};

type Build = {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  signedHeaders?: string[];
  body?: Buffer;
  at?: Date;
  region?: string;
  service?: string;
  secret?: string;
  akid?: string;
  /** Replace parts of the computed Authorization header. */
  authorization?: (value: string) => string;
};

function request(b: Build = {}) {
  const at = b.at ?? NOW;
  const amzDate = toAmzDate(at);
  const body = b.body ?? BODY;
  const headers: Record<string, string> = {
    host: "127.0.0.1:3000",
    "content-type": "application/x-amz-json-1.1",
    "x-amz-target": "TrentService.GenerateRandom",
    "x-amz-date": amzDate,
    ...b.headers,
  };
  for (const [k, v] of Object.entries(headers)) if (v === undefined) delete headers[k];
  const signedHeaders =
    b.signedHeaders ??
    Object.keys(headers)
      .map((h) => h.toLowerCase())
      .sort();
  const target = b.path ?? "/";
  const { path, query } = splitPathAndQuery(target);
  const date = amzDate.slice(0, 8);
  const region = b.region ?? "us-east-1";
  const service = b.service ?? "kms";
  const canonical = canonicalRequest({
    method: b.method ?? "POST",
    rawPath: path,
    rawQuery: query,
    headers: normalizeHeaders(headers),
    signedHeaders,
    payloadHash: sha256Hex(body),
  });
  const signature = signatureHex(
    signingKey(b.secret ?? SECRET, date, region, service),
    stringToSign(amzDate, credentialScope(date, region, service), canonical),
  );
  let authorization =
    `AWS4-HMAC-SHA256 Credential=${b.akid ?? AKID}/${date}/${region}/${service}/aws4_request, ` +
    `SignedHeaders=${signedHeaders.join(";")}, Signature=${signature}`;
  if (b.authorization) authorization = b.authorization(authorization);
  return { method: b.method ?? "POST", path: target, headers: normalizeHeaders({ ...headers, authorization }), body };
}

async function refusal(req: ReturnType<typeof request>, opts: VerifySigV4Options = options): Promise<SigV4Error> {
  try {
    await verifySigV4(req, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(SigV4Error);
    return e as SigV4Error;
  }
  throw new Error("expected a refusal");
}

describe("verifySigV4", () => {
  it("accepts a correct signature and names the caller", async () => {
    await expect(verifySigV4(request(), options)).resolves.toEqual({
      accessKeyId: AKID,
      principalArn: "arn:aws:iam::111122223333:user/bob",
      userName: "bob",
    });
  });

  it("accepts a declared x-amz-content-sha256 that matches, a path, a query, and Date instead of X-Amz-Date", async () => {
    await expect(verifySigV4(request({ headers: { "x-amz-content-sha256": sha256Hex(BODY) } }), options)).resolves.toBeTruthy();
    await expect(verifySigV4(request({ path: "/api/aws?b=2&a=1" }), options)).resolves.toBeTruthy();
    const withDate = request({ headers: { "x-amz-date": undefined as unknown as string, date: NOW.toUTCString() } });
    await expect(verifySigV4(withDate, options)).resolves.toBeTruthy();
  });

  it("accepts the skew limit itself and refuses beyond it, in both directions", async () => {
    await expect(verifySigV4(request({ at: new Date(NOW.getTime() - 15 * 60_000) }), options)).resolves.toBeTruthy();
    const past = await refusal(request({ at: new Date(NOW.getTime() - 16 * 60_000) }));
    expect([past.code, past.status]).toEqual(["InvalidSignatureException", 400]);
    expect(past.message).toBe("Signature expired: 20260301T094400Z is now earlier than 20260301T094500Z (20260301T100000Z - 15 min.)");
    const future = await refusal(request({ at: new Date(NOW.getTime() + 16 * 60_000) }));
    expect(future.message).toBe(
      "Signature not yet current: 20260301T101600Z is still later than 20260301T101500Z (20260301T100000Z + 15 min.)",
    );
  });

  it("refuses a missing Authorization header with MissingAuthenticationTokenException", async () => {
    const req = request();
    const headers = new Map(req.headers);
    headers.delete("authorization");
    const e = await refusal({ ...req, headers });
    expect([e.code, e.message, e.status]).toEqual(["MissingAuthenticationTokenException", "Request is missing Authentication Token", 400]);
  });

  it("refuses presigned query-string authentication", async () => {
    const e = await refusal(request({ path: "/?X-Amz-Signature=abc&X-Amz-Credential=x" }));
    expect(e.code).toBe("IncompleteSignatureException");
    expect(e.message).toMatch(/presigned URL\) authentication is not supported/);
  });

  it("refuses other algorithms (SigV2, SigV4a)", async () => {
    for (const alg of ["AWS", "AWS4-ECDSA-P256-SHA256"]) {
      const e = await refusal(request({ authorization: (a) => a.replace("AWS4-HMAC-SHA256", alg) }));
      expect(e.code).toBe("IncompleteSignatureException");
      expect(e.message).toContain(`Unsupported AWS 'algorithm': '${alg}'`);
    }
  });

  it("names every missing part of the Authorization header", async () => {
    const req = request({ authorization: () => "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260301/us-east-1/kms/aws4_request" });
    const headers = new Map(req.headers);
    headers.delete("x-amz-date");
    const e = await refusal({ ...req, headers });
    expect(e.code).toBe("IncompleteSignatureException");
    expect(e.message).toBe(
      "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. " +
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  });

  it("never repeats the Authorization header, or a part of it, in a message", async () => {
    const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    for (const value of [
      secret,
      `Bearer ${secret}`,
      `AWS4-HMAC-SHA256 Credential=${secret}`,
      `AWS4-HMAC-SHA256 ${secret}, Signature=${secret}`,
      `AWS4-HMAC-SHA256 Credential=${secret}, SignedHeaders=host, Signature=${secret}`,
    ]) {
      const e = await refusal(request({ authorization: () => value }));
      expect(e.code, value).toBe("IncompleteSignatureException");
      expect(e.message, value).not.toContain(secret);
      expect(e.message, value).not.toContain(secret.slice(0, 12));
    }
  });

  it("refuses a parameter without '=' and a malformed Credential", async () => {
    const noEq = await refusal(request({ authorization: (a) => a.replace("Credential=", "Credential ") }));
    expect(noEq.code).toBe("IncompleteSignatureException");
    expect(noEq.message).toMatch(/not a valid key=value pair \(missing equal-sign\) in Authorization header/);
    const cred = await refusal(request({ authorization: (a) => a.replace("/kms/", "/") }));
    expect(cred.code).toBe("IncompleteSignatureException");
    expect(cred.message).toMatch(/^Credential is malformed/);
  });

  it("refuses an X-Amz-Date that is not ISO 8601 basic format", async () => {
    const e = await refusal(request({ headers: { "x-amz-date": "2026-03-01T10:00:00Z" } }));
    expect(e.code).toBe("IncompleteSignatureException");
    expect(e.message).toMatch(/^Date must be in ISO-8601 'basic format'/);
  });

  it("refuses a credential scope for another date, Region, service or terminator", async () => {
    const date = await refusal(request({ authorization: (a) => a.replace("/20260301/", "/20260228/") }));
    expect(date.message).toBe(
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260228' != '20260301', from '20260301T100000Z'.",
    );
    const region = await refusal(request({ region: "eu-central-1" }));
    expect(region.message).toBe("Credential should be scoped to a valid region, not 'eu-central-1'. This endpoint serves 'us-east-1'.");
    const service = await refusal(request({ service: "cloudhsm" }));
    expect(service.message).toBe("Credential should be scoped to correct service: 'kms'.");
    const term = await refusal(request({ authorization: (a) => a.replace("aws4_request", "aws4_reqest") }));
    expect(term.message).toBe("Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_reqest'.");
    for (const e of [date, region, service, term]) expect([e.code, e.status]).toEqual(["InvalidSignatureException", 400]);
  });

  it("requires Host and every x-amz-* header to be signed, and every signed header to be present", async () => {
    const noHost = await refusal(request({ signedHeaders: ["content-type", "x-amz-date", "x-amz-target"] }));
    expect(noHost.message).toBe("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    const unsignedTarget = await refusal(request({ signedHeaders: ["content-type", "host", "x-amz-date"] }));
    expect(unsignedTarget.message).toBe("'x-amz-target' must be a 'SignedHeader' in the AWS Authorization.");
    const absent = await refusal(request({ signedHeaders: ["content-type", "host", "x-amz-date", "x-amz-target", "x-extra"] }));
    expect(absent.message).toBe("'x-extra' is named as a SignedHeader, but it does not exist in the HTTP request.");
    for (const e of [noHost, unsignedTarget, absent]) expect(e.code).toBe("IncompleteSignatureException");
  });

  it("refuses an unknown access key and any session token with UnrecognizedClientException", async () => {
    const unknown = await refusal(request({ akid: "AKIAUNKNOWNEXAMPLE22" }));
    expect([unknown.code, unknown.message]).toEqual([
      "UnrecognizedClientException",
      "The security token included in the request is invalid.",
    ]);
    const token = await refusal(request({ headers: { "x-amz-security-token": "FwoGZXIvYXdzE" } }));
    expect(token.code).toBe("UnrecognizedClientException");
  });

  it("refuses a body whose hash is not the declared one, and unsigned payloads", async () => {
    const mismatch = await refusal(request({ headers: { "x-amz-content-sha256": sha256Hex("other") } }));
    expect([mismatch.code, mismatch.message]).toEqual([
      "InvalidSignatureException",
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    ]);
    const unsigned = await refusal(request({ headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" } }));
    expect(unsigned.code).toBe("IncompleteSignatureException");
  });

  it("refuses a wrong secret, a changed body, method, path or signed header", async () => {
    const cases = [
      request({ secret: "wrong" }),
      { ...request(), body: Buffer.from('{"NumberOfBytes":17}') },
      { ...request(), method: "PUT" },
      { ...request(), path: "/other" },
      (() => {
        const r = request();
        const headers = new Map(r.headers);
        headers.set("x-amz-target", ["TrentService.ScheduleKeyDeletion"]);
        return { ...r, headers };
      })(),
    ];
    for (const req of cases) {
      const e = await refusal(req);
      expect(e.code).toBe("InvalidSignatureException");
      expect(e.message).toMatch(/^The request signature we calculated does not match the signature you provided\./);
    }
  });

  it("does not look the key up when the request is structurally refused", async () => {
    lookups.length = 0;
    await refusal(request({ region: "eu-central-1" }));
    await refusal(request({ at: new Date(0) }));
    expect(lookups).toEqual([]);
  });
});
