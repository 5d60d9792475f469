import "server-only";
import type { MeResponse } from "@/lib/schemas/auth.ts";
import { env } from "@/lib/server/platform/env.ts";
import type { SessionContext } from "./session-context.ts";

/** Who is signed in and which backend the console talks to (GET /api/me, the console header). */
export function describeCurrentUser(session: SessionContext): MeResponse {
  const e = env();
  return {
    userName: session.user.name,
    principalArn: session.user.principalArn,
    role: session.user.role,
    backend: e.KEYHOLD_BACKEND,
    region: e.region,
    accountId: e.KEYHOLD_ACCOUNT_ID,
    sessionExpiresAt: session.expiresAt.toISOString(),
  };
}
