import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/server/platform/errors.ts";
import { env } from "@/lib/server/platform/env.ts";
import { uuid } from "@/lib/server/platform/ids.ts";
import { REQUEST_ID_HEADER, errorResponse } from "./error-response.ts";

export type RouteArgs<P> = { request: NextRequest; params: P; requestId: string };

/** Next's second route-handler argument. */
export type RouteContext<P> = { params: Promise<P> };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function parsedOrigin(origin: string): URL | null {
  try {
    return new URL(origin);
  } catch {
    return null;
  }
}

/**
 * Refuses state-changing requests sent by another site (SameSite=Strict already keeps our cookie off
 * them; this also covers the sign-in form, which has no session yet). An Origin is accepted when it is
 * this server's own (its host is the request's Host) or listed in KEYHOLD_ALLOWED_ORIGINS. The client's
 * X-Forwarded-Host is never believed: whoever forges the Origin can forge that too.
 */
export function assertSameOrigin(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const site = request.headers.get("sec-fetch-site");
  const origin = request.headers.get("origin");
  const host = request.headers.get("host");
  let foreignOrigin = false;
  if (origin !== null) {
    const url = parsedOrigin(origin);
    foreignOrigin = !url || !(env().KEYHOLD_ALLOWED_ORIGINS.has(url.origin) || (host !== null && url.host === host));
  }
  if (site === "cross-site" || foreignOrigin) {
    throw new AppError({ code: "AccessDeniedException", safeMessage: "Cross-site requests are not accepted." });
  }
}

/**
 * State-changing requests must say Content-Type: application/json, also those without a body (connect,
 * disconnect, delete, sign out): a form or a "simple" cross-site request cannot send that type without a
 * CORS preflight, which this server never grants.
 */
export function assertJsonRequest(request: Request): void {
  if (SAFE_METHODS.has(request.method)) return;
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(?:;|$)/i.test(type)) {
    throw new AppError({ code: "UnsupportedMediaType", safeMessage: "Send state-changing requests with Content-Type: application/json." });
  }
}

/**
 * Wraps a route handler that needs no session (sign-in only): request id, same-origin and JSON checks
 * for writes, and the one error mapper. Every other route uses withSession.
 */
export function publicRoute<P = Record<string, never>>(handler: (args: RouteArgs<P>) => Promise<Response>) {
  return async (request: NextRequest, context: RouteContext<P>): Promise<Response> => {
    const requestId = uuid();
    try {
      assertSameOrigin(request);
      assertJsonRequest(request);
      const response = await handler({ request, params: await context.params, requestId });
      response.headers.set(REQUEST_ID_HEADER, requestId);
      return response;
    } catch (e) {
      return errorResponse(e, requestId);
    }
  };
}
