import { z } from "zod";
import { ZXksKeyId } from "./external-keys.ts";

// KMS keys as the console shows them, and the requests of the key pages and the key-creation wizard.
// The wizard validates each step with the same schemas the API routes parse.

export const KEY_STATES = [
  "Creating",
  "Enabled",
  "Disabled",
  "PendingDeletion",
  "PendingImport",
  "PendingReplicaDeletion",
  "Unavailable",
  "Updating",
] as const;
export const ZKeyState = z.enum(KEY_STATES);
export type KeyState = z.infer<typeof ZKeyState>;

export const ORIGINS = ["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"] as const;
export const ZOrigin = z.enum(ORIGINS);
export type Origin = z.infer<typeof ZOrigin>;

export const ZKeySummary = z.object({
  keyId: z.string(),
  arn: z.string(),
  aliases: z.array(z.string()),
  description: z.string(),
  keyState: ZKeyState,
  origin: ZOrigin,
  keyManager: z.string(),
  keySpec: z.string(),
  keyUsage: z.string(),
  creationDate: z.iso.datetime(),
  deletionDate: z.iso.datetime().optional(),
  pendingDeletionWindowInDays: z.number().int().optional(),
  customKeyStoreId: z.string().optional(),
  customKeyStoreName: z.string().optional(),
  cloudHsmClusterId: z.string().optional(),
});
export type KeySummary = z.infer<typeof ZKeySummary>;

export const ZTag = z.object({
  tagKey: z
    .string()
    .trim()
    .min(1, "Enter a tag key.")
    .max(128, "Tag keys have at most 128 characters.")
    .refine((k) => !k.toLowerCase().startsWith("aws:"), "Tag keys beginning with aws: are reserved."),
  tagValue: z.string().max(256, "Tag values have at most 256 characters."),
});
export type Tag = z.infer<typeof ZTag>;

export const ZKeyDetailResponse = z.object({
  key: ZKeySummary.extend({
    enabled: z.boolean(),
    encryptionAlgorithms: z.array(z.string()),
    multiRegion: z.boolean(),
    /** XksKeyConfiguration.Id: the external key of a key in an external key store. */
    xksKeyId: z.string().optional(),
  }),
  customKeyStore: z
    .object({
      customKeyStoreId: z.string(),
      customKeyStoreName: z.string(),
      customKeyStoreType: z.string(),
      connectionState: z.string(),
      connectionErrorCode: z.string().optional(),
      creationDate: z.iso.datetime(),
      cloudHsmClusterId: z.string().optional(),
    })
    .nullable(),
  policy: z.string().nullable(),
  tags: z.array(ZTag),
});
export type KeyDetailResponse = z.infer<typeof ZKeyDetailResponse>;

/** An alias name as typed, without the alias/ prefix (it is added). */
export const ZAliasName = z
  .string()
  .trim()
  .transform((v) => v.replace(/^alias\//, ""))
  .pipe(
    z
      .string()
      .min(1, "Enter an alias.")
      .max(250, "Aliases have at most 250 characters.")
      .regex(/^[a-zA-Z0-9/_-]+$/, "Use letters, digits, slashes (/), underscores (_) and dashes (-) only.")
      .refine((v) => !v.startsWith("aws/"), "Aliases beginning with aws/ are reserved for AWS managed keys."),
  );

export const ZDescription = z.string().max(8192, "Descriptions have at most 8192 characters.");

export const ZPrincipalArn = z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:(user|role)\/[\w+=,.@/-]+$/, "Not an IAM user or role ARN.");

export const ZAccountId = z
  .string()
  .trim()
  .regex(/^\d{12}$/, "AWS account IDs have 12 digits.");

/** Step 1: key material origin (the key type and usage are fixed: symmetric, encrypt and decrypt). */
export const ZKeyConfigureStep = z.object({
  origin: z.enum(["AWS_KMS", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"], { message: "Choose where the key material comes from." }),
});

/** Step 2 (custom key store origin only). */
export const ZKeyStoreStep = z.object({
  customKeyStoreId: z.string().regex(/^cks-[a-z0-9]{17}$/, "Choose a connected custom key store."),
});

/** Step 2 (external key store origin): the store, the external key in its proxy, and the admin's confirmation. */
export const ZKeyXksStep = ZKeyStoreStep.extend({
  xksKeyId: ZXksKeyId,
  xksConfirmed: z.literal(true, { message: "Confirm that you mean to create a key in an external key store." }),
});

/** Each tag key once: every row with a repeated key is marked (tags.N.tagKey), and the list says why. */
function markDuplicateTagKeys(tags: Tag[], ctx: z.RefinementCtx): void {
  const count = new Map<string, number>();
  for (const t of tags) count.set(t.tagKey, (count.get(t.tagKey) ?? 0) + 1);
  const repeated = tags.flatMap((t, i) => (t.tagKey && count.get(t.tagKey)! > 1 ? [i] : []));
  if (repeated.length === 0) return;
  for (const i of repeated) {
    ctx.addIssue({ code: "custom", path: [i, "tagKey"], message: `The tag key "${tags[i]!.tagKey}" is used more than once.` });
  }
  ctx.addIssue({ code: "custom", message: "Each tag key can be used once." });
}

/** Step 3: labels. */
export const ZKeyLabelsStep = z.object({
  alias: ZAliasName,
  description: ZDescription,
  tags: z.array(ZTag).max(50, "A key has at most 50 tags.").superRefine(markDuplicateTagKeys),
});

/** Step 4: key administrators. */
export const ZKeyAdminsStep = z.object({
  keyAdministrators: z.array(ZPrincipalArn).max(50),
  allowAdminsToDelete: z.boolean(),
});

/** Step 5: key users. */
export const ZKeyUsersStep = z.object({
  keyUsers: z.array(ZPrincipalArn).max(50),
  otherAccounts: z
    .array(ZAccountId)
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, "Each account can be listed once."),
});

export const KEY_POLICY_MAX_BYTES = 32_768;

/** A key policy document: JSON, an object, with at least one statement, at most 32 KB. */
export const ZKeyPolicyText = z
  .string()
  .min(1, "Enter a key policy.")
  .refine((v) => new TextEncoder().encode(v).length <= KEY_POLICY_MAX_BYTES, "Key policies have at most 32 KB.")
  .superRefine((v, ctx) => {
    const problem = keyPolicyProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/** Step 6: review; the policy the user may have edited. */
export const ZKeyReviewStep = z.object({ policy: ZKeyPolicyText });

export const ZCreateKeyRequest = ZKeyConfigureStep.extend({ customKeyStoreId: z.string().optional(), xksKeyId: z.string().optional() })
  .merge(ZKeyLabelsStep)
  .merge(ZKeyReviewStep)
  .superRefine((v, ctx) => {
    if (v.origin !== "AWS_KMS" && !ZKeyStoreStep.safeParse({ customKeyStoreId: v.customKeyStoreId }).success) {
      ctx.addIssue({ code: "custom", path: ["customKeyStoreId"], message: "Choose a connected custom key store." });
    }
    if (v.origin === "EXTERNAL_KEY_STORE") {
      const id = ZXksKeyId.safeParse(v.xksKeyId ?? "");
      if (!id.success) ctx.addIssue({ code: "custom", path: ["xksKeyId"], message: id.error.issues[0]!.message });
    }
  });
export type CreateKeyRequest = z.infer<typeof ZCreateKeyRequest>;

export const ZCreateKeyResponse = z.object({ keyId: z.string(), arn: z.string() });

export const ZScheduleKeyDeletionRequest = z.object({
  pendingWindowInDays: z.coerce
    .number({ message: "Enter a number of days." })
    .int("Enter a whole number of days.")
    .min(7, "The waiting period is at least 7 days.")
    .max(30, "The waiting period is at most 30 days."),
});

export const ZPutKeyPolicyRequest = z.object({ policy: ZKeyPolicyText });

export const ZKeyMutationResponse = z.object({ keyId: z.string(), keyState: ZKeyState.optional() });

export const ZEncryptionContextEntry = z.object({
  key: z.string().min(1, "Enter a key for this encryption context pair.").max(256),
  value: z.string().max(1024),
});

const ZEncryptionContext = z
  .array(ZEncryptionContextEntry)
  .max(10, "Use at most 10 encryption context pairs here.")
  .refine((pairs) => new Set(pairs.map((p) => p.key)).size === pairs.length, "Each encryption context key can be used once.");

export const ZEncryptTextRequest = z.object({
  plaintext: z
    .string()
    .min(1, "Enter some text to encrypt.")
    .refine((v) => new TextEncoder().encode(v).length <= 4096, "KMS encrypts at most 4096 bytes directly."),
  encryptionContext: ZEncryptionContext,
});
export type EncryptTextRequest = z.infer<typeof ZEncryptTextRequest>;

export const ZEncryptTextResponse = z.object({ ciphertextBlob: z.string(), keyId: z.string(), encryptionAlgorithm: z.string() });

export const ZDecryptTextRequest = z.object({
  ciphertextBlob: z
    .string()
    .trim()
    .min(1, "Paste a ciphertext (base64).")
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, "The ciphertext must be base64."),
  encryptionContext: ZEncryptionContext,
});
export type DecryptTextRequest = z.infer<typeof ZDecryptTextRequest>;

export const ZDecryptTextResponse = z.object({ plaintext: z.string(), keyId: z.string(), plaintextIsUtf8: z.boolean() });

export const ZPrincipalListResponse = z.object({
  principals: z.array(z.object({ userName: z.string(), principalArn: z.string(), role: z.string() })),
  accountId: z.string(),
});
export type PrincipalListResponse = z.infer<typeof ZPrincipalListResponse>;

/** A readable problem with a key policy document, or null; the service still has the last word. */
export function keyPolicyProblem(text: string): string | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return `The key policy is not valid JSON: ${(e as Error).message}`;
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return "The key policy must be a JSON object.";
  const statements = (doc as Record<string, unknown>).Statement;
  const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  if (list.length === 0) return "The key policy must contain at least one statement.";
  for (const [i, s] of list.entries()) {
    if (typeof s !== "object" || s === null || Array.isArray(s)) return `Statement ${i + 1} must be a JSON object.`;
    const st = s as Record<string, unknown>;
    if (st.Effect !== "Allow" && st.Effect !== "Deny") return `Statement ${i + 1}: Effect must be "Allow" or "Deny".`;
    if (st.Principal === undefined && st.NotPrincipal === undefined) return `Statement ${i + 1} needs a Principal.`;
    if (st.Action === undefined && st.NotAction === undefined) return `Statement ${i + 1} needs an Action.`;
  }
  return null;
}
