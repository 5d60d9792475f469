"use client";

import { ChevronDown, Copy, ExternalLink } from "lucide-react";
import { useRouter } from "next/navigation";
import { buttonVariants } from "@/components/ui/button.tsx";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import type { KeySummary } from "@/lib/schemas/keys.ts";

/** The keys table's row menu: open the key (where its state actions are), copy its ID or ARN. */
export function KeyRowActions({ keyInfo }: { keyInfo: KeySummary }) {
  const router = useRouter();
  const copy = async (what: string, value: string) => {
    try {
      await navigator.clipboard.writeText(value);
      toast({ tone: "success", title: `${what} copied`, description: value });
    } catch {
      toast({ tone: "error", title: "Could not copy", description: "The browser did not allow access to the clipboard." });
    }
  };
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className={buttonVariants({ variant: "normal", size: "sm" })}
        aria-label={`Actions for ${keyInfo.aliases[0] ?? keyInfo.keyId}`}
      >
        Actions
        <ChevronDown aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-60">
        <DropdownMenuItem onSelect={() => router.push(`/keys/${keyInfo.keyId}`)}>
          <ExternalLink aria-hidden />
          View key details
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => void copy("Key ID", keyInfo.keyId)}>
          <Copy aria-hidden />
          Copy key ID
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => void copy("Key ARN", keyInfo.arn)}>
          <Copy aria-hidden />
          Copy key ARN
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
