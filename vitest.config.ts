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
    hookTimeout: 120_000,
  },
});
