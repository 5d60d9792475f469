"use client";

import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";
import { CopyButton } from "@/components/shell/copy-button.tsx";
import type { CreateAccessKeyResponse } from "@/lib/schemas/users.ts";

/**
 * The AWS CLI set-up for a new key: the credentials-file profile, its config-file twin (region and
 * endpoint_url live in ~/.aws/config), and the same as `aws configure set` lines.
 */
export function cliSnippets(key: CreateAccessKeyResponse, endpointUrl: string, region: string) {
  const profile = "keyhold";
  const credentials = `[${profile}]\naws_access_key_id = ${key.accessKeyId}\naws_secret_access_key = ${key.secretAccessKey}\n`;
  const config = `[profile ${profile}]\nregion = ${region}\nendpoint_url = ${endpointUrl}\n`;
  const configure = [
    `aws configure set aws_access_key_id ${key.accessKeyId} --profile ${profile}`,
    `aws configure set aws_secret_access_key ${key.secretAccessKey} --profile ${profile}`,
    `aws configure set region ${region} --profile ${profile}`,
    `aws configure set endpoint_url ${endpointUrl} --profile ${profile}`,
    `aws kms list-keys --profile ${profile}`,
  ].join("\n");
  return { credentials, config, configure };
}

function Snippet({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-center justify-between gap-2">
        <span className="text-sm font-bold">{label}</span>
        <CopyButton value={value} label={label} />
      </div>
      <pre
        data-testid={testId}
        className="max-w-full overflow-x-auto rounded border border-border bg-muted p-2 font-mono text-xs whitespace-pre"
      >
        {value}
      </pre>
    </div>
  );
}

/** Shows a new access key's secret, once: it cannot be retrieved again after this dialog closes. */
export function NewAccessKeyDialog({
  accessKey,
  region,
  onClose,
}: {
  accessKey: CreateAccessKeyResponse;
  region: string;
  onClose: () => void;
}) {
  const endpointUrl = `${window.location.origin}/api/aws`;
  const { credentials, config, configure } = cliSnippets(accessKey, endpointUrl, region);
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Access key created for ${accessKey.userName}`}
      description="Copy the secret access key now. It is shown only this once: Keyhold cannot show it again."
      className="max-w-2xl"
      footer={
        <Button variant="primary" onClick={onClose}>
          I have saved the secret
        </Button>
      }
    >
      <div className="flex flex-col gap-4" data-testid="new-access-key">
        <Alert tone="warning" title="This is the only time the secret is shown">
          If you lose it, deactivate this key and create another.
        </Alert>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-muted-foreground">Access key ID</dt>
          <dd className="flex items-center gap-1 font-mono break-all">
            <span data-testid="new-access-key-id">{accessKey.accessKeyId}</span>
            <CopyButton value={accessKey.accessKeyId} label="access key ID" />
          </dd>
          <dt className="text-muted-foreground">Secret access key</dt>
          <dd className="flex items-center gap-1 font-mono break-all">
            <span data-testid="new-secret-access-key">{accessKey.secretAccessKey}</span>
            <CopyButton value={accessKey.secretAccessKey} label="secret access key" />
          </dd>
        </dl>
        <Snippet label="~/.aws/credentials" value={credentials} testId="credentials-snippet" />
        <Snippet label="~/.aws/config" value={config} testId="config-snippet" />
        <Snippet label="aws configure" value={configure} testId="configure-snippet" />
      </div>
    </Dialog>
  );
}
