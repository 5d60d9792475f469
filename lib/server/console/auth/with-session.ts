import "server-only";
import type { NextRequest } from "next/server";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie.ts";
import { publicRoute, type RouteArgs, type RouteContext } from "@/lib/server/console/api/public-route.ts";
import { AppError } from "@/lib/server/platform/errors.ts";
import { hasPermission, type Permission } from "@/lib/server/platform/identity/permissions.ts";
import type { SessionContext } from "./session-context.ts";
import { clearedSessionCookie, isHttpsRequest } from "./session-token.ts";
import { validateSessionToken } from "./validate-session.ts";

export type SessionRouteArgs<P> = RouteArgs<P> & { session: SessionContext };

export type WithSessionOptions = { permission?: Permission };

class UnauthenticatedError extends AppError {
  constructor() {
    super({ code: "Unauthenticated", safeMessage: "Your session has ended. Sign in again to continue." });
  }
}

/**
 * The auth wrapper for every console API route: validates the session cookie against the database
 * (proxy.ts only checks that one is present), checks the optional permission, then runs the handler
 * inside the one error mapper.
 */
export function withSession<P = Record<string, never>>(
  handler: (args: SessionRouteArgs<P>) => Promise<Response>,
  { permission }: WithSessionOptions = {},
): (request: NextRequest, context: RouteContext<P>) => Promise<Response> {
  const inner = publicRoute<P>(async (args) => {
    const session = await validateSessionToken(args.request.cookies.get(SESSION_COOKIE)?.value);
    if (!session) throw new UnauthenticatedError();
    if (permission && !hasPermission(session.user.role, permission)) {
      throw new AppError({
        code: "AccessDeniedException",
        safeMessage: `User ${session.user.principalArn} is not authorized to perform ${permission}.`,
      });
    }
    return handler({ ...args, session });
  });
  return async (request, context) => {
    const response = await inner(request, context);
    // A cookie that no longer names a session is useless: ask the browser to drop it.
    if (response.status === 401 && request.cookies.has(SESSION_COOKIE)) {
      const c = clearedSessionCookie(isHttpsRequest(request));
      response.headers.append(
        "set-cookie",
        `${c.name}=; Path=${c.path}; Expires=${c.expires.toUTCString()}; HttpOnly; SameSite=Strict${c.secure ? "; Secure" : ""}`,
      );
    }
    return response;
  };
}
