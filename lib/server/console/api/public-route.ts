import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/server/platform/errors.ts";
import { uuid } from "@/lib/server/platform/ids.ts";
import { REQUEST_ID_HEADER, errorResponse } from "./error-response.ts";

export type RouteArgs<P> = { request: NextRequest; params: P; requestId: string };

/** Next's second route-handler argument. */
export type RouteContext<P> = { params: Promise<P> };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing requests sent by another site (SameSite=Strict already keeps our cookie off
 * them; this also covers the sign-in form, which has no session yet).
 */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

function assertSameOrigin(request: NextRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const foreignOrigin = origin !== null && host !== null && originHost(origin) !== host;
  if (site === "cross-site" || foreignOrigin) {
    throw new AppError({ code: "AccessDeniedException", safeMessage: "Cross-site requests are not accepted." });
  }
}

/**
 * Wraps a route handler that needs no session (sign-in only): request id, same-origin check for
 * writes, and the one error mapper. Every other route uses withSession.
 */
export function publicRoute<P = Record<string, never>>(handler: (args: RouteArgs<P>) => Promise<Response>) {
  return async (request: NextRequest, context: RouteContext<P>): Promise<Response> => {
    const requestId = uuid();
    try {
      assertSameOrigin(request);
      const response = await handler({ request, params: await context.params, requestId });
      response.headers.set(REQUEST_ID_HEADER, requestId);
      return response;
    } catch (e) {
      return errorResponse(e, requestId);
    }
  };
}
