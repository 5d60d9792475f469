import { execFile } from "node:child_process";
import { test, expect } from "@playwright/test";
import { E2E_BASE_URL, E2E_DATA_DIR } from "./support/e2e-env.ts";

// Debian's AWS CLI v2 against the e2e server (e2e/aws-cli/aws-cli-flow.sh): key store on the demo
// cluster, connect, key in the store, encrypt/decrypt a file with an encryption context, schedule the
// key's deletion, disconnect. The script checks every output itself; here it must exit 0.
test("the AWS CLI flow against /api/aws", async () => {
  test.setTimeout(240_000);
  const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = execFile(
      "bash",
      ["e2e/aws-cli/aws-cli-flow.sh", E2E_BASE_URL, E2E_DATA_DIR],
      { timeout: 230_000, maxBuffer: 10 * 1024 * 1024, env: { ...process.env, CONNECT_TIMEOUT: "120" } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, output: `${stdout}\n${stderr}` }),
    );
    child.stdin?.end();
  });
  expect(result.code, result.output).toBe(0);
  expect(result.output).toContain("aws-cli-flow: all checks passed");
});
