import "server-only";
import { checkGrantTokens } from "@/lib/server/kms-service/grants/grant-token.ts";
import type { InputReader, StringRule } from "./input-reader.ts";

// The botocore KMS shapes (models/botocore_kms_2014-11-01_service-2.json) the key and crypto
// operations read, as InputReader rules. Enums are verbatim, in the model's order.

export const KEY_ID: StringRule = { min: 1, max: 2048 };
export const ALIAS_NAME: StringRule = { min: 1, max: 256, pattern: "^[a-zA-Z0-9:/_-]+$" };
export const DESCRIPTION: StringRule = { min: 0, max: 8192 };
export const POLICY: StringRule = { min: 1, max: 131072, pattern: "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+" };
export const POLICY_NAME: StringRule = { min: 1, max: 128, pattern: "[\\w]+" };
export const CUSTOM_KEY_STORE_ID: StringRule = { min: 1, max: 64 };
export const XKS_KEY_ID: StringRule = { min: 1, max: 128, pattern: "^[a-zA-Z0-9-_.]+$" };
export const MARKER: StringRule = { min: 1, max: 1024, pattern: "[\\u0020-\\u00FF]*" };
export const TAG_KEY: StringRule = { min: 1, max: 128 };
export const TAG_VALUE: StringRule = { min: 0, max: 256 };
export const GRANT_TOKEN: StringRule = { min: 1, max: 8192 };

export const KEY_USAGE = ["SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"] as const;
export const CUSTOMER_MASTER_KEY_SPEC = [
  "RSA_2048",
  "RSA_3072",
  "RSA_4096",
  "ECC_NIST_P256",
  "ECC_NIST_P384",
  "ECC_NIST_P521",
  "ECC_SECG_P256K1",
  "SYMMETRIC_DEFAULT",
  "HMAC_224",
  "HMAC_256",
  "HMAC_384",
  "HMAC_512",
  "SM2",
] as const;
export const KEY_SPEC = [...CUSTOMER_MASTER_KEY_SPEC, "ML_DSA_44", "ML_DSA_65", "ML_DSA_87", "ECC_NIST_EDWARDS25519"] as const;
export const ORIGIN = ["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"] as const;
export const ENCRYPTION_ALGORITHM = ["SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE"] as const;
export const DATA_KEY_SPEC = ["AES_256", "AES_128"] as const;
export const DRY_RUN_MODIFIER = ["IGNORE_CIPHERTEXT"] as const;

/** PlaintextType, CiphertextType, NumberOfBytesType, PendingWindowInDaysType, LimitType. */
export const PLAINTEXT = { min: 1, max: 4096 } as const;
export const CIPHERTEXT = { min: 1, max: 6144 } as const;
export const NUMBER_OF_BYTES = { min: 1, max: 1024 } as const;
export const PENDING_WINDOW_IN_DAYS = { min: 1, max: 365 } as const;
export const LIMIT = { min: 1, max: 1000 } as const;

/**
 * GrantTokens (≤ 10, each 1–8192), accepted by every operation that takes them. Each must be a token
 * this service issued (InvalidGrantTokenException); grants are in force at once, so it adds nothing.
 */
export function readGrantTokens(reader: InputReader): string[] | undefined {
  const tokens = reader.stringList("GrantTokens", { min: 0, max: 10 }, GRANT_TOKEN);
  checkGrantTokens(tokens);
  return tokens;
}

export type WireTag = { TagKey: string; TagValue: string };

/** A TagList member (WireTag: TagKey 1–128, TagValue 0–256, both required). */
export function readTags(reader: InputReader, member: string, required: true): WireTag[];
export function readTags(reader: InputReader, member?: string, required?: boolean): WireTag[] | undefined;
export function readTags(reader: InputReader, member = "Tags", required = false): WireTag[] | undefined {
  return reader.list(member, { required }, (value, path) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      reader.violation(path, undefined, "Member must be a structure");
      return undefined;
    }
    const { TagKey, TagValue } = value as Record<string, unknown>;
    let ok = true;
    for (const [name, v, rule] of [
      ["tagKey", TagKey, TAG_KEY],
      ["tagValue", TagValue, TAG_VALUE],
    ] as const) {
      if (v === undefined || v === null) {
        reader.violation(`${path}.${name}`, null, "Member must not be null");
        ok = false;
      } else if (typeof v !== "string") {
        reader.violation(`${path}.${name}`, String(v), "Member must be a string");
        ok = false;
      } else if (!reader.checkString(`${path}.${name}`, v, rule)) {
        ok = false;
      }
    }
    return ok ? { TagKey: TagKey as string, TagValue: TagValue as string } : undefined;
  });
}
