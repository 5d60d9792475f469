// The key wizard's review shows an AWS CLI script "to repeat this in a pipeline". This runs that exact
// script, as the review renders it, with Debian's AWS CLI v2 in bash against the real local service, and
// checks the key it made: a command an administrator copies must work as shown.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ConnectCustomKeyStoreCommand,
  CreateCustomKeyStoreCommand,
  DescribeKeyCommand,
  ListAliasesCommand,
  ListResourceTagsCommand,
} from "@aws-sdk/client-kms";
import { createCluster } from "@/lib/server/hsm/clusters/create-cluster.ts";
import { buildKeyPolicy } from "@/lib/key-policy.ts";
import { haveAwsCli } from "@/test/aws-cli.ts";
import { ACCOUNT_ID, CREDENTIALS, PRINCIPAL_ARN, REGION, useLocalKms, waitForConnectionState } from "@/test/local-kms-server.ts";
import { awsCliScript, type KeyCommandInput } from "./equivalent-commands.ts";

const run = promisify(execFile);
const service = useLocalKms("equivalent-commands-cli");
let home: string;

beforeAll(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "keyhold-review-cli-"));
});
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

/** Runs the script in bash as a user would paste it: an empty HOME, the access key in the environment. */
async function runScript(script: string): Promise<string> {
  const { stdout } = await run("/bin/bash", ["-e", "-o", "pipefail", "-c", script], {
    cwd: home,
    env: {
      NODE_ENV: "test",
      PATH: "/usr/bin:/bin",
      HOME: home,
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_CONFIG_FILE: path.join(home, "config"),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, "credentials"),
      AWS_PAGER: "",
    },
  });
  return stdout.trim();
}

const input = (over: Partial<KeyCommandInput>): KeyCommandInput => ({
  origin: "AWS_KMS",
  customKeyStoreId: "",
  alias: "review-cli",
  description: "Made by the review's script; it's quoted",
  tags: [
    { tagKey: "team", tagValue: "platform" },
    { tagKey: "cost center", tagValue: "O'Brien & co" },
  ],
  policy: buildKeyPolicy({
    accountId: ACCOUNT_ID,
    keyAdministrators: [PRINCIPAL_ARN],
    allowAdminsToDelete: true,
    keyUsers: [PRINCIPAL_ARN],
    otherAccounts: [],
  }),
  endpointUrl: service.url,
  region: REGION,
  ...over,
});

async function expectKeyAsShown(keyId: string, k: KeyCommandInput) {
  const { KeyMetadata } = await service.kms.send(new DescribeKeyCommand({ KeyId: keyId }));
  expect(KeyMetadata).toMatchObject({ Origin: k.origin, Description: k.description, KeyState: "Enabled" });
  if (k.customKeyStoreId) expect(KeyMetadata!.CustomKeyStoreId).toBe(k.customKeyStoreId);
  const { Aliases } = await service.kms.send(new ListAliasesCommand({ KeyId: keyId }));
  expect(Aliases!.map((a) => a.AliasName)).toEqual([`alias/${k.alias}`]);
  const { Tags } = await service.kms.send(new ListResourceTagsCommand({ KeyId: keyId }));
  expect(Tags!.map((t) => [t.TagKey, t.TagValue]).sort()).toEqual(k.tags.map((t) => [t.tagKey, t.tagValue]).sort());
}

describe.skipIf(!haveAwsCli)("the review's AWS CLI script, run as shown", () => {
  it("creates the KMS key with its alias, description, tags and policy", async () => {
    const k = input({});
    const keyId = await runScript(awsCliScript(k));
    expect(keyId).toMatch(/^[0-9a-f-]{36}$/);
    await expectKeyAsShown(keyId, k);
  });

  it("creates a key in a connected CloudHSM key store", async () => {
    const cluster = await createCluster({ hsmAvailabilityZones: ["us-east-1a", "us-east-1b"] });
    const { CustomKeyStoreId } = await service.kms.send(
      new CreateCustomKeyStoreCommand({
        CustomKeyStoreName: "review-cli-store",
        CloudHsmClusterId: cluster.clusterId,
        TrustAnchorCertificate: cluster.trustAnchorPem,
        KeyStorePassword: cluster.kmsuserPassword,
      }),
    );
    await service.kms.send(new ConnectCustomKeyStoreCommand({ CustomKeyStoreId }));
    expect((await waitForConnectionState(service.kms, CustomKeyStoreId!, "CONNECTED", "FAILED")).ConnectionState).toBe("CONNECTED");
    const k = input({ origin: "AWS_CLOUDHSM", customKeyStoreId: CustomKeyStoreId!, alias: "review-cli-hsm", tags: [] });
    const keyId = await runScript(awsCliScript(k));
    await expectKeyAsShown(keyId, k);
  });
});
