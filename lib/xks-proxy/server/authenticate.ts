import "server-only";
import type { IncomingHttpHeaders } from "node:http";
import { normalizeHeaders } from "@/lib/server/platform/sigv4/http-types.ts";
import { SigV4Error, verifySigV4, type AccessKeyRecord } from "@/lib/server/platform/sigv4/verify-sigv4.ts";
import { XksError } from "../errors.ts";
import type { CredentialTable } from "../config/credentials.ts";

// SigV4 with service kms-xks-proxy (spec §2.1), through the one verifier the KMS endpoint uses. The
// access key must be one of the request's prefix's credentials; the Region in the scope must be on
// server.region_allow_list ("*": any, as the spec derives the key from the request's scope); the
// timestamp within max_clock_skew_seconds (spec: 5 minutes). Signed headers are whatever the request's
// SignedHeaders names (KMS: host;x-amz-date; curl adds content-type), and must include host. Every
// failure is AuthenticationFailedException (401).

export const XKS_SERVICE = "kms-xks-proxy";

export type AuthOptions = { regions: readonly string[]; maxSkewMs: number; credentials: CredentialTable };

export async function authenticate(
  prefix: string,
  req: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer },
  opts: AuthOptions,
): Promise<string> {
  const keys = opts.credentials.get(prefix);
  try {
    const caller = await verifySigV4(
      { method: req.method, path: req.url, headers: normalizeHeaders(req.headers), body: req.body },
      {
        region: opts.regions,
        services: [XKS_SERVICE],
        maxSkewMs: opts.maxSkewMs,
        lookupAccessKey: async (accessKeyId): Promise<AccessKeyRecord | null> => {
          const secretAccessKey = keys?.get(accessKeyId);
          return secretAccessKey === undefined ? null : { secretAccessKey, principalArn: "", userName: accessKeyId };
        },
      },
    );
    return caller.accessKeyId;
  } catch (e) {
    if (e instanceof SigV4Error) {
      const message = e.code === "UnrecognizedClientException" ? "The access key id is not valid for this URI path prefix." : e.safeMessage;
      throw new XksError("AuthenticationFailedException", message, `${e.code}: ${e.safeMessage}`);
    }
    throw e;
  }
}
