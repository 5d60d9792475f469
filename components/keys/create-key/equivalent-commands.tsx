"use client";

import { CommandTabs } from "@/components/shell/command-tabs.tsx";
import { awsCliScript, terraformBlock, type KeyCommandInput } from "@/lib/console/equivalent-commands.ts";
import { useMe } from "@/lib/queries/me.ts";
import type { CreateKeyForm } from "./create-key-form.ts";

/** The key being created as an AWS CLI script and a Terraform block, ready to copy. */
export function EquivalentCommands({ form }: { form: CreateKeyForm }) {
  const { data: me } = useMe();
  if (!me) return null;
  const input: KeyCommandInput = {
    ...form,
    region: me.region,
    endpointUrl: me.backend === "local" ? `${window.location.origin}/api/aws` : undefined,
  };
  return (
    <CommandTabs
      description="The same key, created with the AWS CLI or with Terraform (hashicorp/aws provider)."
      cli={awsCliScript(input)}
      terraform={terraformBlock(input)}
    />
  );
}
