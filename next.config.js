/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addons and the wasm schema engine are loaded at run time, never bundled.
  serverExternalPackages: ["pkcs11js", "better-sqlite3", "@prisma/schema-engine-wasm"],
  poweredByHeader: false,
  // The AWS SDKs for JavaScript post to "<endpoint path>/", i.e. /api/aws/ for the endpoint
  // http://host/api/aws; Next's own redirect to /api/aws would answer that POST with a body no SDK
  // parses. proxy.ts redirects every other path with a trailing slash as Next did.
  skipTrailingSlashRedirect: true,
  typedRoutes: false,
};

export default nextConfig;
