"use client";

import { Cloud, HardDrive } from "lucide-react";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover.tsx";
import type { Backend } from "@/lib/schemas/auth.ts";
import { cn } from "@/lib/utils.ts";

const LABELS: Record<Backend, { name: string; icon: typeof Cloud; explain: (region: string, account: string) => string }> = {
  local: {
    name: "Local",
    icon: HardDrive,
    explain: (region, account) =>
      `Local backend: Keyhold's built-in KMS-compatible service, with key material in PKCS#11 HSMs on this machine (account ${account}, ${region}).`,
  },
  aws: {
    name: "AWS",
    icon: Cloud,
    explain: (region, account) => `AWS backend: real AWS KMS and CloudHSM in account ${account}, Region ${region}.`,
  },
};

/**
 * Which backend the console talks to, e.g. "Local · us-east-1" or "AWS · eu-west-1": a button whose
 * popover explains it (reachable by keyboard, unlike a `title`).
 */
export function BackendBadge({
  backend,
  region,
  accountId,
  className,
}: {
  backend: Backend;
  region: string;
  accountId: string;
  className?: string;
}) {
  const { name, icon: Icon, explain } = LABELS[backend];
  return (
    <Popover>
      <PopoverTrigger
        data-testid="backend-badge"
        className={cn(
          "inline-flex h-7 cursor-pointer items-center gap-1.5 rounded-full border px-2.5 text-xs font-bold whitespace-nowrap",
          backend === "aws"
            ? "border-primary/60 bg-primary/10 text-primary hover:bg-primary/20"
            : "border-header-muted/40 bg-white/5 text-header-foreground hover:bg-white/10",
          className,
        )}
      >
        <Icon className="size-3.5" aria-hidden />
        <span className="sr-only">Backend: </span>
        {name}
        <span aria-hidden className="text-header-muted">
          {" · "}
        </span>
        <span className="font-normal">{region}</span>
      </PopoverTrigger>
      <PopoverContent data-testid="backend-details" aria-label="Backend details">
        <p className="font-bold">{name} backend</p>
        <p className="mt-1 text-muted-foreground">{explain(region, accountId)}</p>
      </PopoverContent>
    </Popover>
  );
}
