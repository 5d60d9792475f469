// The only paths that answer without a console session. Everything else — every page and every API
// route, including ones added later — needs one. Shared by proxy.ts and the e2e route walk.

/** Pages and API routes open to anonymous callers. */
const PUBLIC_EXACT = new Set(["/login", "/api/auth/login"]);

/** Next's static assets and image optimizer. */
const PUBLIC_PREFIXES = ["/_next/static/", "/_next/image"];

/** The KMS / CloudHSM wire endpoint: authenticated by SigV4 in its own handler, not by a cookie. */
const SIGV4_ENDPOINT = /^\/api\/aws(?:\/.*)?$/;

/** Files from public/ and app metadata routes (icon.svg, favicon.ico, robots.txt). */
const STATIC_FILE = /^\/(?:favicon\.ico|icon\.svg|apple-icon\.png|robots\.txt|brand\/[\w.-]+\.(?:svg|png|webp))$/;

export function isPublicPath(pathname: string): boolean {
  return (
    PUBLIC_EXACT.has(pathname) ||
    PUBLIC_PREFIXES.some((p) => pathname.startsWith(p)) ||
    SIGV4_ENDPOINT.test(pathname) ||
    STATIC_FILE.test(pathname)
  );
}

export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}
