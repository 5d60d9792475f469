import { execFile } from "node:child_process";
import { test, expect } from "@playwright/test";
import { unique } from "./support/console.ts";
import { E2E_BASE_URL, E2E_DATA_DIR } from "./support/e2e-env.ts";
import { startLocalProxy, type LocalProxy } from "./support/xks-store.ts";

// Debian's AWS CLI v2 against the e2e server (e2e/aws-cli/aws-cli-flow.sh): key store on the demo
// cluster, connect, key in the store, encrypt/decrypt a file with an encryption context, schedule the
// key's deletion, disconnect; then the same for an external key store on a real XKS proxy started here
// (with one external key), the key created with its external key id. The script checks every output
// itself; here it must exit 0.
test("the AWS CLI flow against /api/aws", async () => {
  test.setTimeout(540_000);
  const prefix = "/aws-cli-flow";
  const xksKeyId = unique("aws-cli-flow-ext");
  let local: LocalProxy | undefined;
  try {
    // May wait for another spec's proxy in the same folder (startLocalProxy's lock).
    local = await startLocalProxy(prefix, [xksKeyId]);
    const { proxy, credential } = local;
    const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = execFile(
        "bash",
        ["e2e/aws-cli/aws-cli-flow.sh", E2E_BASE_URL, E2E_DATA_DIR],
        {
          timeout: 230_000,
          maxBuffer: 10 * 1024 * 1024,
          env: {
            ...process.env,
            CONNECT_TIMEOUT: "120",
            XKS_PROXY_URI_ENDPOINT: proxy.url.replace(/\/$/, ""),
            XKS_PROXY_URI_PATH: `${prefix}/kms/xks/v1`,
            XKS_PROXY_ACCESS_KEY_ID: credential.accessKeyId,
            XKS_PROXY_SECRET: credential.secretAccessKey,
            XKS_KEY_ID: xksKeyId,
          },
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, output: `${stdout}\n${stderr}` }),
      );
      child.stdin?.end();
    });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("aws-cli-flow: external key store leg passed");
    expect(result.output).toContain("aws-cli-flow: all checks passed");
    expect(result.output).not.toContain(credential.secretAccessKey);
  } finally {
    await local?.stop();
  }
});
