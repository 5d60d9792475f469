import "server-only";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { REQUEST_PATH_HEADER, SESSION_COOKIE } from "@/lib/auth/session-cookie.ts";
import type { SessionContext } from "./session-context.ts";
import { validateSessionToken } from "./validate-session.ts";

/** The signed-in session for the current request (server components), validated once per request. */
export const getSession = cache(async (): Promise<SessionContext | null> => {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  return validateSessionToken(token);
});

/** The session, or a redirect to /login?next=<this page> when there is none. */
export async function requireSession(): Promise<SessionContext> {
  const session = await getSession();
  if (!session) {
    const path = (await headers()).get(REQUEST_PATH_HEADER);
    redirect(path && path !== "/" ? `/login?next=${encodeURIComponent(path)}` : "/login");
  }
  return session;
}
