import { NextResponse, type NextRequest } from "next/server";
import { isApiPath, isPublicPath } from "@/lib/auth/public-paths.ts";
import { REQUEST_PATH_HEADER, SESSION_COOKIE, looksLikeSessionToken } from "@/lib/auth/session-cookie.ts";

// First line of defence: no page or API route is reached without a session cookie. This is only a
// cheap presence check; the console layout and withSession validate the session against the
// database. Public: the sign-in page and API, static assets, and /api/aws (SigV4, checked there).

/** Sent with every answer: no framing (clickjacking), no MIME sniffing, no full URLs in Referer. */
function secured(response: NextResponse): NextResponse {
  response.headers.set("x-frame-options", "DENY");
  response.headers.set("x-content-type-options", "nosniff");
  response.headers.set("referrer-policy", "same-origin");
  return response;
}

/** True when every %XX sequence of the path decodes to UTF-8 (Next's router throws, as a 500, otherwise). */
export function hasValidPercentEncoding(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** A path no route can be matched to: 400 for every route, page or API, before any of them runs. */
function badPath(pathname: string): NextResponse {
  const requestId = crypto.randomUUID();
  const headers = { "x-request-id": requestId, "cache-control": "no-store" };
  if (!isApiPath(pathname)) return new NextResponse("Bad Request: malformed percent-encoding in the path.", { status: 400, headers });
  return NextResponse.json(
    { error: { code: "ValidationException", message: "The request path has malformed percent-encoding." }, requestId },
    { status: 400, headers },
  );
}

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (!hasValidPercentEncoding(pathname)) return secured(badPath(pathname));
  // Next's trailing-slash redirect, off in next.config.js so that the SigV4 endpoint keeps /api/aws/.
  if (pathname.length > 1 && pathname.endsWith("/") && !pathname.startsWith("/api/aws/")) {
    const url = new URL(request.url); // not nextUrl.clone(): NextURL puts the trailing slash back
    url.pathname = pathname.replace(/\/+$/, "") || "/";
    return secured(NextResponse.redirect(url, 308));
  }
  if (isPublicPath(pathname) || (process.env.NODE_ENV === "development" && pathname.startsWith("/__nextjs"))) {
    return secured(NextResponse.next());
  }

  const search = new URLSearchParams(request.nextUrl.search);
  search.delete("_rsc");
  const path = pathname + (search.size ? `?${search}` : "");

  if (!looksLikeSessionToken(request.cookies.get(SESSION_COOKIE)?.value)) {
    if (isApiPath(pathname)) {
      const requestId = crypto.randomUUID();
      return secured(
        NextResponse.json(
          { error: { code: "Unauthenticated", message: "Sign in to use the Keyhold API." }, requestId },
          { status: 401, headers: { "x-request-id": requestId, "cache-control": "no-store" } },
        ),
      );
    }
    const login = new URL("/login", request.url);
    if (path !== "/") login.searchParams.set("next", path);
    return secured(NextResponse.redirect(login));
  }

  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, path);
  return secured(NextResponse.next({ request: { headers } }));
}

export const config = {
  // Everything except Next's static files and image optimizer (public paths are decided above).
  matcher: ["/((?!_next/static/|_next/image).*)"],
};
