import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "server-only": path.resolve("test/server-only-stub.ts"),
      "@": path.resolve("."),
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules", "e2e", ".next", "data"],
    // One process per test file: each PKCS#11 test owns its own SoftHSM token directory.
    pool: "forks",
    testTimeout: 60_000,
    // OWASP's scrypt cost (2^17, the product's default) makes the sign-in throttle tests, which hash
    // ~70 passwords at once, take minutes on a shared machine; password-hash.test.ts covers 2^17 itself.
    env: { KEYHOLD_PASSWORD_SCRYPT_LOG2N: "15" },
    hookTimeout: 120_000,
  },
});
