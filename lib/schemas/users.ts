import { z } from "zod";
import { ZNewPassword, ZRole, ZUserName } from "./auth.ts";

// Users and their access keys (the local IAM), for the Users page (admins) and My account (everyone).
// Responses never carry a password or a secret, except the one-time answer of CreateAccessKey.

export const ZUserStatus = z.enum(["Active", "Inactive"]);
export type UserStatus = z.infer<typeof ZUserStatus>;

/** IAM's pattern for access key ids (AKIA + 16 base32 characters here). */
export const ZAccessKeyId = z.string().regex(/^AKIA[A-Z2-7]{16}$/, "Not an access key id.");

/** The password policy, as the forms show it (ZNewPassword enforces it). */
export const PASSWORD_POLICY = "12 to 128 characters. A passphrase of several words is easy to type and hard to guess.";

/** IAM's limit, enforced by createAccessKey (LimitExceeded). */
export const MAX_ACCESS_KEYS = 2;

export const ZAccessKeySummary = z.object({
  accessKeyId: z.string(),
  status: ZUserStatus,
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  /** The oldest Active key: the one the console signs this user's KMS requests with. */
  usedByConsole: z.boolean(),
});
export type AccessKeySummary = z.infer<typeof ZAccessKeySummary>;

export const ZUserSummary = z.object({
  userId: z.string(),
  userName: z.string(),
  principalArn: z.string(),
  role: ZRole,
  status: ZUserStatus,
  createdAt: z.iso.datetime(),
  lastSignInAt: z.iso.datetime().nullable(),
  accessKeys: z.array(ZAccessKeySummary),
  /** The console's own service user (the status poller): managed by the console, not by people. */
  serviceUser: z.boolean(),
});
export type UserSummary = z.infer<typeof ZUserSummary>;

export const ZUserListResponse = z.object({ users: z.array(ZUserSummary) });
export type UserListResponse = z.infer<typeof ZUserListResponse>;

export const ZUserResponse = z.object({ user: ZUserSummary });
export type UserResponse = z.infer<typeof ZUserResponse>;

export const ZCreateUserRequest = z.object({ userName: ZUserName, role: ZRole, password: ZNewPassword });
export type CreateUserRequest = z.infer<typeof ZCreateUserRequest>;

export const ZUpdateUserRequest = z.discriminatedUnion("action", [
  z.object({ action: z.literal("set-role"), role: ZRole }),
  z.object({ action: z.literal("set-status"), status: ZUserStatus }),
  z.object({ action: z.literal("reset-password"), password: ZNewPassword }),
]);
export type UpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

export const ZDeleteUserResponse = z.object({ userName: z.string(), deleted: z.literal(true) });

/** The only answer that carries a secret: shown once to its creator, never again. */
export const ZCreateAccessKeyResponse = z.object({
  userName: z.string(),
  accessKeyId: z.string(),
  secretAccessKey: z.string(),
  createdAt: z.iso.datetime(),
});
export type CreateAccessKeyResponse = z.infer<typeof ZCreateAccessKeyResponse>;

export const ZUpdateAccessKeyRequest = z.object({ status: ZUserStatus });
export type UpdateAccessKeyRequest = z.infer<typeof ZUpdateAccessKeyRequest>;

export const ZAccessKeyMutationResponse = z.object({ accessKeyId: z.string(), status: ZUserStatus.or(z.literal("Deleted")) });

export const ZChangePasswordRequest = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(1024),
  newPassword: ZNewPassword,
});
export type ChangePasswordRequest = z.infer<typeof ZChangePasswordRequest>;

export const ZChangePasswordResponse = z.object({ changed: z.literal(true) });
