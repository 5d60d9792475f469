// Writes the first admin's access key for the AWS CLI: <data>/credentials in the shared-credentials
// format (0600) and <data>/aws-config with the region, both under profile "keyhold".
import fs from "node:fs";
import path from "node:path";

export type AwsCliFilesOptions = { dir: string; accessKeyId: string; secretAccessKey: string };

export function writeAwsCliFiles({ dir, accessKeyId, secretAccessKey }: AwsCliFilesOptions) {
  const region = process.env.KEYHOLD_REGION ?? "us-east-1";
  const credentials = path.join(dir, "credentials");
  const config = path.join(dir, "aws-config");
  const credentialsText = `[keyhold]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`;
  fs.writeFileSync(credentials, credentialsText, { mode: 0o600 });
  fs.chmodSync(credentials, 0o600); // writeFileSync keeps the mode of an existing file
  fs.writeFileSync(config, `[profile keyhold]\nregion = ${region}\noutput = json\n`, { mode: 0o644 });
  return { credentials, config };
}
