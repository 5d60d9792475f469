import { NextResponse, type NextRequest } from "next/server";
import { isApiPath, isPublicPath } from "@/lib/auth/public-paths.ts";
import { REQUEST_PATH_HEADER, SESSION_COOKIE, looksLikeSessionToken } from "@/lib/auth/session-cookie.ts";

// First line of defence: no page or API route is reached without a session cookie. This is only a
// cheap presence check; the console layout and withSession validate the session against the
// database. Public: the sign-in page and API, static assets, and /api/aws (SigV4, checked there).

/** Browser features the console never uses, refused for it and anything it could embed. */
export const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "publickey-credentials-get=()",
  "screen-wake-lock=()",
  "serial=()",
  "usb=()",
  "xr-spatial-tracking=()",
  "browsing-topics=()",
].join(", ");

/**
 * The Content-Security-Policy of every answer: scripts only with this response's nonce (Next puts it
 * on its own scripts when it finds it in the request's CSP header; 'strict-dynamic' lets them load the
 * chunks), nothing framed, no plugins, forms and connections to this origin only. Styles allow inline
 * style attributes (React's style={…}); development adds 'unsafe-eval' for React's debugging.
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** True behind TLS: server.ts keeps X-Forwarded-Proto only from a trusted proxy. */
function isHttps(request: NextRequest): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded ? forwarded === "https" : request.nextUrl.protocol === "https:";
}

/**
 * Sent with every answer: the CSP, no framing (clickjacking), no MIME sniffing, no full URLs in
 * Referer, no powerful browser features; HSTS only when the request came over TLS (over plain HTTP
 * browsers ignore it, and a laptop's http://127.0.0.1 must keep working).
 */
function securedResponse(response: NextResponse, request: NextRequest, csp: string): NextResponse {
  response.headers.set("content-security-policy", csp);
  response.headers.set("permissions-policy", PERMISSIONS_POLICY);
  response.headers.set("x-frame-options", "DENY");
  response.headers.set("x-content-type-options", "nosniff");
  response.headers.set("referrer-policy", "same-origin");
  if (isHttps(request)) response.headers.set("strict-transport-security", "max-age=31536000; includeSubDomains");
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
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce);
  const secured = (response: NextResponse) => securedResponse(response, request, csp);
  // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const forwarded = () => {
    const headers = new Headers(request.headers);
    headers.set("content-security-policy", csp);
    return headers;
  };
  if (!hasValidPercentEncoding(pathname)) return secured(badPath(pathname));
  // Next's trailing-slash redirect, off in next.config.js so that the SigV4 endpoint keeps /api/aws/.
  if (pathname.length > 1 && pathname.endsWith("/") && !pathname.startsWith("/api/aws/")) {
    const url = new URL(request.url); // not nextUrl.clone(): NextURL puts the trailing slash back
    url.pathname = pathname.replace(/\/+$/, "") || "/";
    return secured(NextResponse.redirect(url, 308));
  }
  if (isPublicPath(pathname) || (process.env.NODE_ENV === "development" && pathname.startsWith("/__nextjs"))) {
    return secured(NextResponse.next({ request: { headers: forwarded() } }));
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

  const headers = forwarded();
  headers.set(REQUEST_PATH_HEADER, path);
  return secured(NextResponse.next({ request: { headers } }));
}

export const config = {
  // Everything except Next's static files and image optimizer (public paths are decided above).
  matcher: ["/((?!_next/static/|_next/image).*)"],
};
