"use client";

import { useState } from "react";
import { CopyButton } from "@/components/shell/copy-button.tsx";
import { Tabs } from "@/components/ui/tabs.tsx";
import { awsCliScript, terraformBlock, type KeyCommandInput } from "@/lib/console/equivalent-commands.ts";
import { useMe } from "@/lib/queries/me.ts";
import type { CreateKeyForm } from "./create-key-form.ts";

/** The key being created as an AWS CLI script and a Terraform block, ready to copy. */
export function EquivalentCommands({ form }: { form: CreateKeyForm }) {
  const { data: me } = useMe();
  const [tab, setTab] = useState<"cli" | "terraform">("cli");
  if (!me) return null;
  const input: KeyCommandInput = {
    ...form,
    region: me.region,
    endpointUrl: me.backend === "local" ? `${window.location.origin}/api/aws` : undefined,
  };
  const block = (text: string, label: string, testId: string) => (
    <div className="relative">
      <pre
        className="relative max-h-80 overflow-auto rounded-lg bg-muted p-3 pr-10 font-mono text-xs leading-5"
        data-testid={testId}
        tabIndex={0}
        aria-label={label}
      >
        {text}
      </pre>
      <span className="absolute top-2 right-2">
        <CopyButton value={text} label={label} />
      </span>
    </div>
  );
  return (
    <section aria-labelledby="equivalent-title" className="flex flex-col gap-2">
      <h3 id="equivalent-title" className="font-bold">
        Repeat this in a pipeline
      </h3>
      <p className="text-sm text-muted-foreground">The same key, created with the AWS CLI or with Terraform (hashicorp/aws provider).</p>
      <Tabs<"cli" | "terraform">
        label="Equivalent commands"
        value={tab}
        onChange={setTab}
        items={[
          { key: "cli", label: "AWS CLI", content: block(awsCliScript(input), "AWS CLI command", "review-cli") },
          { key: "terraform", label: "Terraform", content: block(terraformBlock(input), "Terraform block", "review-terraform") },
        ]}
      />
    </section>
  );
}
