// KEYHOLD_BACKEND=aws: the factories build plain SDK clients with the standard credential chain and
// Region, and honour AWS_ENDPOINT_URL_KMS (read by the KMS SDK itself) and AWS_ENDPOINT_URL_CLOUDHSM_V2
// (applied by the factory for the 3.332 CloudHSM client). A local HTTP endpoint stands in for AWS.
import path from "node:path";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GenerateRandomCommand } from "@aws-sdk/client-kms";
import { DescribeClustersCommand } from "@aws-sdk/client-cloudhsm-v2";
import { ALICE, REGION, startHttpServer, testService, type RunningServer } from "@/test/local-kms-test-service.ts";
import { cloudHsmClient } from "./cloudhsm-client.ts";
import { kmsClient } from "./kms-client.ts";

const service = testService();
let server: RunningServer;

beforeAll(async () => {
  server = await startHttpServer(service.deps);
  const nowhere = path.join(os.tmpdir(), "keyhold-no-such-aws-config");
  Object.assign(process.env, {
    KEYHOLD_BACKEND: "aws",
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: ALICE.accessKeyId,
    AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey,
    AWS_ENDPOINT_URL_KMS: server.url,
    AWS_ENDPOINT_URL_CLOUDHSM_V2: server.url,
    AWS_CONFIG_FILE: nowhere,
    AWS_SHARED_CREDENTIALS_FILE: nowhere,
    AWS_EC2_METADATA_DISABLED: "true",
  });
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_ENDPOINT_URL;
});
afterAll(async () => {
  await server.close();
});

describe("SDK client factory with KEYHOLD_BACKEND=aws", () => {
  it("kmsClient: credential chain from the environment, endpoint from AWS_ENDPOINT_URL_KMS", async () => {
    const client = kmsClient({ credentials: { accessKeyId: "AKIAIGNOREDEXAMPLE00", secretAccessKey: "ignored" } });
    expect(kmsClient()).toBe(client);
    const out = await client.send(new GenerateRandomCommand({ NumberOfBytes: 8 }));
    expect(out.Plaintext).toHaveLength(8);
    expect(service.completed.at(-1)).toMatchObject({ operation: "kms:GenerateRandom", ctx: { accessKeyId: ALICE.accessKeyId } });
  });

  it("cloudHsmClient: endpoint from AWS_ENDPOINT_URL_CLOUDHSM_V2, signed for 'cloudhsm'", async () => {
    const out = await cloudHsmClient().send(new DescribeClustersCommand({}));
    expect(out.Clusters?.[0]?.ClusterId).toBe("cluster-jxhlf7644ne");
    expect(service.completed.at(-1)).toMatchObject({ operation: "cloudhsm:DescribeClusters", authenticated: true });
  });
});
