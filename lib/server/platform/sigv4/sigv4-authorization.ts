import "server-only";
import { SigV4Error } from "./verify-sigv4.ts";
import { SIGV4_ALGORITHM } from "./sigv4-canonical.ts";

// Parses the SigV4 Authorization header:
//   AWS4-HMAC-SHA256 Credential=<AKID>/<yyyymmdd>/<region>/<service>/aws4_request,
//                    SignedHeaders=host;x-amz-date;…, Signature=<64 hex>
// Malformed headers are IncompleteSignatureException, with AWS's messages except that no message repeats
// the header or a part of it (AWS's does): the message reaches the response and the audit row, and the
// header is a credential.

export type ParsedAuthorization = {
  accessKeyId: string;
  scopeDate: string;
  scopeRegion: string;
  scopeService: string;
  scopeTerminator: string;
  signedHeaders: string[];
  signature: string;
};

const REQUIRED = ["Credential", "Signature", "SignedHeaders"] as const;

/** What an algorithm name looks like (AWS, AWS4-HMAC-SHA256, AWS4-ECDSA-P256-SHA256). */
const ALGORITHM_NAME = /^AWS[A-Z0-9-]{0,29}$/;

export function parseAuthorization(value: string, hasDateHeader: boolean): ParsedAuthorization {
  const trimmed = value.trim();
  const space = trimmed.indexOf(" ");
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== SIGV4_ALGORITHM) {
    // Named back only when it looks like an algorithm name: a header with no space may be a bare secret.
    const named = ALGORITHM_NAME.test(algorithm) ? ` '${algorithm}'` : "";
    throw new SigV4Error(
      "IncompleteSignatureException",
      `Unsupported AWS 'algorithm':${named}. Only ${SIGV4_ALGORITHM} (Signature Version 4) is accepted.`,
    );
  }

  const params = new Map<string, string>();
  const rest = space < 0 ? "" : trimmed.slice(space + 1);
  for (const raw of rest.split(",")) {
    const part = raw.trim();
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq < 0) {
      throw new SigV4Error(
        "IncompleteSignatureException",
        `A parameter is not a valid key=value pair (missing equal-sign) in Authorization header.`,
      );
    }
    params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }

  const problems = REQUIRED.filter((p) => !params.get(p)).map((p) => `Authorization header requires '${p}' parameter.`);
  if (!hasDateHeader) problems.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  if (problems.length > 0) {
    throw new SigV4Error("IncompleteSignatureException", problems.join(" "));
  }

  const credential = params.get("Credential")!;
  const scope = credential.split("/");
  if (scope.length !== 5 || scope.some((s) => s === "")) {
    throw new SigV4Error(
      "IncompleteSignatureException",
      `Credential is malformed: expected '<AccessKeyId>/<YYYYMMDD>/<region>/<service>/aws4_request'.`,
    );
  }
  const [accessKeyId, scopeDate, scopeRegion, scopeService, scopeTerminator] = scope as [string, string, string, string, string];

  return {
    accessKeyId,
    scopeDate,
    scopeRegion,
    scopeService,
    scopeTerminator,
    signedHeaders: params
      .get("SignedHeaders")!
      .split(";")
      .filter((h) => h !== ""),
    signature: params.get("Signature")!,
  };
}
