// A small XKS proxy client for tests and the benchmark: signs like KMS does (spec Appendix A:
// SignedHeaders host;x-amz-date, service kms-xks-proxy), written from the SigV4 description with
// node:crypto alone, so that it checks the proxy's verifier rather than sharing its code. Options let a
// test break one thing at a time (secret, Region, service, date, signed headers, body after signing).
import crypto from "node:crypto";
import http from "node:http";
import https from "node:https";

export type XksCredential = { accessKeyId: string; secretAccessKey: string };

export type SignOptions = {
  method?: string;
  host: string;
  path: string;
  body: string | Buffer;
  credential: XksCredential;
  region?: string;
  service?: string;
  date?: Date;
  /** Also sign content-type (as curl --aws-sigv4 does). */
  signContentType?: boolean;
  contentType?: string;
};

const hmac = (key: Buffer | string, data: string) => crypto.createHmac("sha256", key).update(data, "utf8").digest();
const sha256 = (data: string | Buffer) => crypto.createHash("sha256").update(data).digest("hex");

export function amzDate(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** The headers of a signed request (host, x-amz-date, content-type, authorization). */
export function signXks(o: SignOptions): Record<string, string> {
  const date = amzDate(o.date ?? new Date());
  const day = date.slice(0, 8);
  const region = o.region ?? "us-east-1";
  const service = o.service ?? "kms-xks-proxy";
  const contentType = o.contentType ?? "application/json";
  const headers: Record<string, string> = { host: o.host, "x-amz-date": date };
  if (o.signContentType) headers["content-type"] = contentType;
  const names = Object.keys(headers).sort();
  const canonical = [
    o.method ?? "POST",
    o.path,
    "",
    names.map((n) => `${n}:${headers[n]}\n`).join(""),
    names.join(";"),
    sha256(o.body),
  ].join("\n");
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", date, scope, sha256(canonical)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${o.credential.secretAccessKey}`, day), region), service), "aws4_request");
  const signature = crypto.createHmac("sha256", key).update(toSign, "utf8").digest("hex");
  return {
    ...headers,
    "content-type": contentType,
    authorization: `AWS4-HMAC-SHA256 Credential=${o.credential.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`,
  };
}

export type XksResponse = { status: number; headers: http.IncomingHttpHeaders; text: string; json: any };

/** Sends one request (the agent decides keep-alive and TLS trust). */
export function send(
  url: string,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; agent: http.Agent },
): Promise<XksResponse> {
  const target = new URL(url);
  const lib = target.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      {
        host: target.hostname,
        port: target.port,
        method: opts.method ?? "POST",
        path: opts.path,
        headers: opts.headers,
        agent: opts.agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: any;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** A client bound to one proxy URL, prefix and credential: post(op path, body) signs and sends. */
export class XksClient {
  readonly host: string;

  constructor(
    readonly url: string,
    readonly agent: http.Agent,
    public prefix: string,
    public credential: XksCredential,
    readonly region = "us-east-1",
  ) {
    this.host = new URL(url).host;
  }

  apiPath(rest: string): string {
    return `${this.prefix}/kms/xks/v1/${rest}`;
  }

  post(rest: string, payload: unknown, sign: Partial<SignOptions> = {}): Promise<XksResponse> {
    const path = sign.path ?? this.apiPath(rest);
    const body = typeof payload === "string" ? payload : JSON.stringify(payload);
    const headers = signXks({ host: this.host, path, body, credential: this.credential, region: this.region, ...sign });
    return send(this.url, { path, headers, body, agent: this.agent });
  }
}

export const metadata = (extra: Record<string, unknown> = {}) => ({
  awsPrincipalArn: "arn:aws:iam::111122223333:user/alice",
  kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
  kmsOperation: "Encrypt",
  kmsRequestId: crypto.randomUUID(),
  ...extra,
});
