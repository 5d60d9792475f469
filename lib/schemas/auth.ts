import { z } from "zod";

// IAM user-name rules: 1–64 characters from letters, digits and + = , . @ _ -
export const USER_NAME_PATTERN = /^[\w+=,.@-]{1,64}$/;

export const ZUserName = z
  .string()
  .min(1, "Enter a user name.")
  .max(64, "User names have at most 64 characters.")
  .regex(USER_NAME_PATTERN, "Use letters, digits and + = , . @ _ - only.");

/** Policy for new passwords (not applied at sign-in, where any stored password must still work). */
export const ZNewPassword = z.string().min(12, "Passwords have at least 12 characters.").max(128, "Passwords have at most 128 characters.");

export const ZRole = z.enum(["admin", "operator", "viewer"]);
export type Role = z.infer<typeof ZRole>;

/** Only same-site absolute paths: "/keys?x=1", never "//evil.example" or "https://…". */
export const ZNextPath = z
  .string()
  .max(2048)
  .regex(/^\/(?![/\\])[^\s]*$/, "must be a path on this site");

export const ZLoginRequest = z.object({
  userName: z.string().trim().min(1, "Enter your user name.").max(256),
  password: z.string().min(1, "Enter your password.").max(1024),
});
export type LoginRequest = z.infer<typeof ZLoginRequest>;

export const ZLoginResponse = z.object({
  userName: z.string(),
  principalArn: z.string(),
  expiresAt: z.iso.datetime(),
});
export type LoginResponse = z.infer<typeof ZLoginResponse>;

export const ZLogoutResponse = z.object({ signedOut: z.literal(true) });
export type LogoutResponse = z.infer<typeof ZLogoutResponse>;

export const ZBackend = z.enum(["local", "aws"]);
export type Backend = z.infer<typeof ZBackend>;

export const ZMeResponse = z.object({
  userName: z.string(),
  principalArn: z.string(),
  role: ZRole,
  backend: ZBackend,
  region: z.string(),
  accountId: z.string(),
  sessionExpiresAt: z.iso.datetime(),
});
export type MeResponse = z.infer<typeof ZMeResponse>;

/** Where to go after signing in: the `next` parameter when it is a safe local path, else the console home. */
export function safeNextPath(next: string | null | undefined, fallback = "/key-stores"): string {
  const parsed = ZNextPath.safeParse(next);
  if (!parsed.success || parsed.data.startsWith("/login") || parsed.data.startsWith("/api/")) return fallback;
  return parsed.data;
}
