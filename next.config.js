/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addons and the wasm schema engine are loaded at run time, never bundled.
  serverExternalPackages: ["pkcs11js", "better-sqlite3", "@prisma/schema-engine-wasm"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
