"use client";

import { CommandTabs } from "@/components/shell/command-tabs.tsx";
import { keyStoreCliCommand, keyStoreTerraformBlock, type KeyStoreCommandInput } from "@/lib/console/key-store-commands.ts";
import { useMe } from "@/lib/queries/me.ts";

type Input = KeyStoreCommandInput extends infer T ? (T extends unknown ? Omit<T, "region" | "endpointUrl"> : never) : never;

/** The store being created as an AWS CLI command and a Terraform block (secrets as variables). */
export function KeyStoreCommands({ input }: { input: Input }) {
  const { data: me } = useMe();
  if (!me) return null;
  const full = {
    ...input,
    region: me.region,
    endpointUrl: me.backend === "local" ? `${window.location.origin}/api/aws` : undefined,
  } as KeyStoreCommandInput;
  return (
    <CommandTabs
      description="The same key store, created with the AWS CLI or with Terraform (hashicorp/aws provider). Secrets are read from a variable, never written here."
      cli={keyStoreCliCommand(full)}
      terraform={keyStoreTerraformBlock(full)}
    />
  );
}
