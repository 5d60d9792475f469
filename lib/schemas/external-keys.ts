import { z } from "zod";

// External keys: the keys an XKS proxy holds (in its external key manager), as the console shows them.
// The key wizard's preview and the key page's External key tab ask a store's proxy (GetKeyMetadata);
// the External keys page manages the local proxy's keys through its management API.

/** XksKeyId as the KMS model constrains it. */
export const ZXksKeyId = z
  .string()
  .trim()
  .min(1, "Enter the external key ID.")
  .max(128, "External key IDs have at most 128 characters.")
  .regex(/^[a-zA-Z0-9-_.]+$/, "Use letters, digits, dashes (-), underscores (_) and dots (.) only.");

/** What a proxy's GetKeyMetadata says of an external key. */
export const ZExternalKeyMetadata = z.object({
  keySpec: z.string(),
  keyUsage: z.array(z.string()),
  keyStatus: z.enum(["ENABLED", "DISABLED"]),
  latencyMs: z.number().optional(),
});
export type ExternalKeyMetadata = z.infer<typeof ZExternalKeyMetadata>;

/** The proxy's view of one external key: read (local backend), or not readable by the console (aws). */
export const ZExternalKeyMetadataResponse = z.object({
  backend: z.enum(["local", "aws"]),
  xksKeyId: z.string(),
  customKeyStoreId: z.string(),
  metadata: ZExternalKeyMetadata.nullable(),
});
export type ExternalKeyMetadataResponse = z.infer<typeof ZExternalKeyMetadataResponse>;

export const ZExternalKeyMetadataQuery = z.object({
  customKeyStoreId: z.string().regex(/^cks-[a-z0-9]{17}$/, "Choose an external key store."),
  xksKeyId: ZXksKeyId,
});

/** Why a KMS key could not back itself with an external key, or [] when it can (spec: CreateKey). */
export function externalKeyProblems(m: Pick<ExternalKeyMetadata, "keySpec" | "keyUsage" | "keyStatus">): string[] {
  return [
    m.keySpec !== "AES_256" ? `Its key spec is ${m.keySpec}; KMS needs AES_256.` : undefined,
    !m.keyUsage.includes("ENCRYPT") || !m.keyUsage.includes("DECRYPT")
      ? `Its usage is ${m.keyUsage.join(", ") || "none"}; KMS needs both ENCRYPT and DECRYPT.`
      : undefined,
    m.keyStatus !== "ENABLED" ? "It is disabled in the proxy; KMS needs an ENABLED key." : undefined,
  ].filter((p): p is string => p !== undefined);
}

/** One key of the local proxy, with the URI path prefixes that serve it and the KMS keys that use it. */
export const ZLocalExternalKey = z.object({
  keyId: z.string(),
  keySpec: z.string(),
  keyUsage: z.array(z.string()),
  keyStatus: z.enum(["ENABLED", "DISABLED"]),
  prefixes: z.array(z.string()),
  kmsKeys: z.array(
    z.object({
      keyId: z.string(),
      alias: z.string().optional(),
      keyState: z.string(),
      customKeyStoreId: z.string(),
      customKeyStoreName: z.string().optional(),
    }),
  ),
});
export type LocalExternalKey = z.infer<typeof ZLocalExternalKey>;

export const ZLocalExternalKeysResponse = z.object({
  /** false: the proxy is set up but does not run (startCommand says how to start it). */
  running: z.boolean(),
  startCommand: z.string(),
  settingsFile: z.string(),
  /** The proxy's URI path prefixes ([[external_key_stores]] in settings.toml). */
  prefixes: z.array(z.string()),
  keys: z.array(ZLocalExternalKey),
});
export type LocalExternalKeysResponse = z.infer<typeof ZLocalExternalKeysResponse>;

export const ZCreateLocalExternalKeyRequest = z.object({
  keyId: ZXksKeyId,
  usage: z.enum(["ENCRYPT_DECRYPT", "ENCRYPT", "DECRYPT"]),
  /** The prefixes that may use the key (its xks_key_id_set entries); a key no prefix names is not served. */
  prefixes: z.array(z.string().max(117)).max(100),
});
export type CreateLocalExternalKeyRequest = z.infer<typeof ZCreateLocalExternalKeyRequest>;

export const ZSetLocalExternalKeyStatusRequest = z.object({ action: z.enum(["enable", "disable"]) });

export const ZLocalExternalKeyResponse = z.object({
  keyId: z.string(),
  keySpec: z.string(),
  keyUsage: z.array(z.string()),
  keyStatus: z.enum(["ENABLED", "DISABLED"]),
});
