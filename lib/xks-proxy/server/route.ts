import { XKS_API_PATH, type StoreSettings } from "../config/settings.ts";

// Request paths: [/<prefix>]/kms/xks/v1/health and [/<prefix>]/kms/xks/v1/keys/<externalKeyId>/<op>.
// The prefix is what comes before the last "/kms/xks/v1/" (as in the sample proxy) and must be a
// configured one. Anything else is no route (InvalidUriPathException).

export type Operation = "GetKeyMetadata" | "Encrypt" | "Decrypt" | "GetHealthStatus";
export type Route = { store: StoreSettings; operation: Operation; keyId: string };

const KEY_OPS: Record<string, Operation> = { metadata: "GetKeyMetadata", encrypt: "Encrypt", decrypt: "Decrypt" };
const KEY_PATH = /^keys\/([A-Za-z0-9._-]{1,128})\/(metadata|encrypt|decrypt)$/;
const MARK = `${XKS_API_PATH}/`;

export function matchRoute(path: string, stores: ReadonlyMap<string, StoreSettings>): Route | undefined {
  const at = path.lastIndexOf(MARK);
  if (at < 0) return undefined;
  const store = stores.get(path.slice(0, at));
  if (!store) return undefined;
  const rest = path.slice(at + MARK.length);
  if (rest === "health") return { store, operation: "GetHealthStatus", keyId: "" };
  const m = KEY_PATH.exec(rest);
  return m ? { store, operation: KEY_OPS[m[2]!]!, keyId: m[1]! } : undefined;
}
