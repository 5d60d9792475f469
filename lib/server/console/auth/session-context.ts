import "server-only";
import type { Role } from "@/lib/schemas/auth.ts";

/** A validated session and its user, as route handlers and server components see it. */
export type SessionContext = {
  /** SHA-256 of the cookie token (the Session row id). */
  sessionId: string;
  expiresAt: Date;
  user: {
    id: string;
    name: string;
    role: Role;
    principalArn: string;
  };
};
