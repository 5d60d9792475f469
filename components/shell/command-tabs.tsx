"use client";

import { useState } from "react";
import { CopyButton } from "@/components/shell/copy-button.tsx";
import { Tabs } from "@/components/ui/tabs.tsx";

/**
 * "Repeat this in a pipeline": what a wizard is about to create as an AWS CLI script and a Terraform
 * block, each ready to copy. Used by the key and key store wizards' review steps.
 */
export function CommandTabs({ description, cli, terraform }: { description: string; cli: string; terraform: string }) {
  const [tab, setTab] = useState<"cli" | "terraform">("cli");
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
      <p className="text-sm text-muted-foreground">{description}</p>
      <Tabs<"cli" | "terraform">
        label="Equivalent commands"
        value={tab}
        onChange={setTab}
        items={[
          { key: "cli", label: "AWS CLI", content: block(cli, "AWS CLI command", "review-cli") },
          { key: "terraform", label: "Terraform", content: block(terraform, "Terraform block", "review-terraform") },
        ]}
      />
    </section>
  );
}
