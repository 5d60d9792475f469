// `npx eslint .` (run by `npm test`): Next's recommended and Core Web Vitals rules, the TypeScript rules,
// with test code exempt from the React rules (below). Formatting is Prettier's job (.prettierrc.json).
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // Test code. Fixtures are named use… (useLocalKms, useMigratedDataDir) like Playwright's `use`; they are
    // not React hooks and run at a test file's top level by design.
    files: ["**/*.test.ts", "test/**", "e2e/**", "bench/**"],
    // Tests may read untyped JSON (CLI output) and SDK middleware stacks as `any`.
    rules: {
      ...Object.fromEntries(["rules-of-hooks", "immutability", "purity", "refs", "globals"].map((r) => [`react-hooks/${r}`, "off"])),
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-function-type": "off",
    },
  },
  globalIgnores([".next/**", "node_modules/**", "lib/generated/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
]);
