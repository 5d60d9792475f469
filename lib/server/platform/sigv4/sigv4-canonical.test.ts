// Published SigV4 vectors: the AWS SigV4 test suite (get-vanilla, post-vanilla,
// get-vanilla-query-order-key-case) and the S3 API Reference's "GET Object" example.
import { describe, expect, it } from "vitest";
import { normalizeHeaders } from "./http-types.ts";
import {
  EMPTY_SHA256,
  canonicalHeaderValue,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  credentialScope,
  signatureHex,
  signaturesEqual,
  signingKey,
  stringToSign,
  uriEncode,
} from "./sigv4-canonical.ts";

const SUITE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

function sign(opts: {
  method: string;
  target: string;
  headers: Record<string, string>;
  signedHeaders: string[];
  payloadHash?: string;
  amzDate: string;
  region: string;
  service: string;
  secret: string;
}): string {
  const [path, query = ""] = opts.target.split("?") as [string, string?];
  const canonical = canonicalRequest({
    method: opts.method,
    rawPath: path,
    rawQuery: query,
    headers: normalizeHeaders(opts.headers),
    signedHeaders: opts.signedHeaders,
    payloadHash: opts.payloadHash ?? EMPTY_SHA256,
  });
  const date = opts.amzDate.slice(0, 8);
  return signatureHex(
    signingKey(opts.secret, date, opts.region, opts.service),
    stringToSign(opts.amzDate, credentialScope(date, opts.region, opts.service), canonical),
  );
}

const suite = {
  headers: { Host: "example.amazonaws.com", "X-Amz-Date": "20150830T123600Z" },
  signedHeaders: ["host", "x-amz-date"],
  amzDate: "20150830T123600Z",
  region: "us-east-1",
  service: "service",
  secret: SUITE_SECRET,
};

describe("SigV4 canonical request and signature", () => {
  it("reproduces get-vanilla", () => {
    expect(sign({ ...suite, method: "GET", target: "/" })).toBe("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  });

  it("reproduces post-vanilla", () => {
    expect(sign({ ...suite, method: "POST", target: "/" })).toBe("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");
  });

  it("reproduces get-vanilla-query-order-key-case (query sorted by name)", () => {
    expect(sign({ ...suite, method: "GET", target: "/?Param2=value2&Param1=value1" })).toBe(
      "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
    );
  });

  it("reproduces the S3 GET Object example (extra signed headers, declared payload hash)", () => {
    expect(
      sign({
        method: "GET",
        target: "/test.txt",
        headers: {
          Host: "examplebucket.s3.amazonaws.com",
          Range: "bytes=0-9",
          "x-amz-content-sha256": EMPTY_SHA256,
          "x-amz-date": "20130524T000000Z",
        },
        signedHeaders: ["host", "range", "x-amz-content-sha256", "x-amz-date"],
        amzDate: "20130524T000000Z",
        region: "us-east-1",
        service: "s3",
        secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      }),
    ).toBe("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  });

  it("URI-encodes everything but the unreserved characters, UTF-8 first", () => {
    expect(uriEncode("AZaz09-_.~")).toBe("AZaz09-_.~");
    expect(uriEncode("a b+c/d=é")).toBe("a%20b%2Bc%2Fd%3D%C3%A9");
    expect(uriEncode("a/b", true)).toBe("a/b");
  });

  it("normalises the path and encodes it once more (non-S3 services)", () => {
    expect(canonicalUri("/")).toBe("/");
    expect(canonicalUri("")).toBe("/");
    expect(canonicalUri("/api/aws")).toBe("/api/aws");
    expect(canonicalUri("/a//b/./c/../d/")).toBe("/a/b/d/");
    expect(canonicalUri("/%20x")).toBe("/%2520x");
  });

  it("decodes, re-encodes and sorts the query", () => {
    expect(canonicalQuery("b=2&a=%7e&a=1&c")).toBe("a=1&a=~&b=2&c=");
    expect(canonicalQuery("q=a b+c")).toBe("q=a%20b%2Bc");
    expect(canonicalQuery("")).toBe("");
  });

  it("trims header values and collapses runs of spaces", () => {
    expect(canonicalHeaderValue('  a   b \t c  "d   e"  ')).toBe('a b c "d e"');
  });

  it("compares signatures without short-circuiting on length", () => {
    const s = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    expect(signaturesEqual(s, s)).toBe(true);
    expect(signaturesEqual(s, s.replace(/1$/, "2"))).toBe(false);
    expect(signaturesEqual(s, "00")).toBe(false);
  });
});
