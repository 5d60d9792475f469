// `npx eslint .` (run by `npm test`): Next's recommended and Core Web Vitals rules, the TypeScript rules,
// with test code exempt from the React rules (below). Formatting is Prettier's job (.prettierrc.json).
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Layers (lib/server/README.md): each may import only the ones below it. console → kms-service (only its
// local-backend.ts door) → hsm → platform; the XKS proxy uses hsm and platform only. Pages and routes call
// the console layer; browser code (components, lib/schemas, lib/console, lib/queries) no server code.
const layer = (path) => [`@/lib/server/${path}/**`];
const LAYER_RULES = [
  {
    files: ["lib/server/platform/**"],
    banned: [...layer("console"), ...layer("kms-service"), ...layer("hsm"), "@/lib/xks-proxy/**"],
    why: "platform is the bottom layer: it imports no other layer",
  },
  {
    files: ["lib/server/hsm/**"],
    banned: [...layer("console"), ...layer("kms-service"), "@/lib/xks-proxy/**"],
    why: "the HSM layer imports only the platform",
  },
  {
    files: ["lib/server/kms-service/**"],
    banned: [...layer("console"), "@/lib/xks-proxy/**"],
    why: "the local KMS service imports only the HSM layer and the platform",
  },
  {
    files: ["lib/xks-proxy/**"],
    banned: [...layer("console"), ...layer("kms-service"), "next", "next/**"],
    why: "the XKS proxy uses only the HSM layer and the platform",
  },
  {
    files: ["lib/server/console/**", "app/**"],
    banned: [...layer("kms-service"), "!@/lib/server/kms-service/local-backend.ts", ...layer("hsm"), "@/lib/xks-proxy/**"],
    why: "the console talks to KMS and CloudHSM through the AWS SDK; local-only features go through kms-service/local-backend.ts",
  },
  {
    files: ["components/**", "lib/schemas/**", "lib/console/**", "lib/queries/**", "lib/auth/**", "lib/*.ts"],
    banned: ["@/lib/server", "@/lib/server/**", "@/lib/xks-proxy/**"],
    why: "browser code imports no server code",
  },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  ...LAYER_RULES.map(({ files, banned, why }) => ({
    files,
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: banned, message: `Wrong layer: ${why}.` }] }],
      // A relative import may not climb out of its layer either.
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value=/^(\\.\\.\\/){2,}/], ImportExpression[source.value=/^(\\.\\.\\/){2,}/]",
          message: "Import another folder through its @/ path, not ../../: the layer rules read @/ paths.",
        },
      ],
    },
  })),
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
  globalIgnores([
    "test/fixtures/layer-violations/**",
    ".next/**",
    "node_modules/**",
    "lib/generated/**",
    "data/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
]);
