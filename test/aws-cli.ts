// Debian's AWS CLI v2 against a local endpoint, for the tests that check the service as the CLI sees
// it: an empty HOME (no config or credentials of the machine's), the given keys in the environment.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll } from "vitest";

const AWS_CLI = "/usr/bin/aws";
const run = promisify(execFile);

export const haveAwsCli = fs.existsSync(AWS_CLI);
if (!haveAwsCli) console.warn(`[skip] Debian's AWS CLI v2 is not installed at ${AWS_CLI}: the CLI tests are skipped.`);

export type Credentials = { accessKeyId: string; secretAccessKey: string };

/**
 * Call inside a describe: registers its own HOME's set-up and removal, returns `cli(args)` that runs
 * `aws <args> --endpoint-url <url()> --region <region> --output json`.
 */
export function useAwsCli(opts: { url: () => string; region: string; credentials: Credentials }) {
  let home: string;
  beforeAll(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), "keyhold-awscli-"));
  });
  afterAll(() => {
    fs.rmSync(home, { recursive: true, force: true });
  });
  return (args: string[], credentials: Credentials = opts.credentials) =>
    run(AWS_CLI, [...args, "--endpoint-url", opts.url(), "--region", opts.region, "--output", "json"], {
      env: {
        NODE_ENV: "test",
        PATH: "/usr/bin:/bin",
        HOME: home,
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        AWS_CONFIG_FILE: path.join(home, "config"),
        AWS_SHARED_CREDENTIALS_FILE: path.join(home, "credentials"),
        AWS_PAGER: "",
      },
    });
}
