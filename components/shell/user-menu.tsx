"use client";

import { ChevronDown, Copy, LogOut } from "lucide-react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { useSignOut } from "@/lib/queries/auth.ts";
import { useMe } from "@/lib/queries/me.ts";

function initials(name: string): string {
  const parts = name.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts[1]?.[0] ?? "")).toUpperCase();
}

function formatAccount(id: string): string {
  return id.replace(/^(\d{4})(\d{4})(\d{4})$/, "$1-$2-$3");
}

/** The signed-in user in the header: name and principal ARN in a menu, and Sign out. */
export function UserMenu() {
  const { data: me } = useMe();
  const signOut = useSignOut();
  if (!me) return null;

  const onSignOut = () => signOut.mutate();

  const copyArn = async () => {
    try {
      await navigator.clipboard.writeText(me.principalArn);
      toast({ tone: "success", title: "Principal ARN copied" });
    } catch {
      toast({ tone: "error", title: "Could not copy", description: "The browser did not allow access to the clipboard." });
    }
  };

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        data-testid="user-menu-trigger"
        className="flex h-9 cursor-pointer items-center gap-2 rounded-full py-1 pr-2 pl-1 text-header-foreground hover:bg-header-hover aria-expanded:bg-header-hover"
      >
        <span aria-hidden className="flex size-7 items-center justify-center rounded-full bg-link text-xs font-bold text-white">
          {initials(me.userName)}
        </span>
        <span className="hidden max-w-40 truncate text-sm font-bold sm:inline">{me.userName}</span>
        <span className="sr-only">Account menu for {me.userName}</span>
        <ChevronDown className="size-4 text-header-muted" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent className="w-[22rem]" aria-label="Account">
        <DropdownMenuLabel>
          <p className="text-xs text-muted-foreground">Signed in as</p>
          <p className="mt-0.5 flex items-center gap-2 font-bold" data-testid="user-name">
            {me.userName}
            <span className="rounded-full bg-muted px-2 py-0.5 text-[11px] font-bold text-muted-foreground capitalize">{me.role}</span>
          </p>
          <p className="mt-2 text-xs text-muted-foreground">Principal ARN</p>
          <p className="mt-0.5 font-mono text-xs break-all" data-testid="principal-arn">
            {me.principalArn}
          </p>
        </DropdownMenuLabel>
        <DropdownMenuItem onSelect={copyArn}>
          <Copy aria-hidden />
          Copy principal ARN
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuLabel className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-xs">
          <span className="text-muted-foreground">Account</span>
          <span className="font-mono">{formatAccount(me.accountId)}</span>
          <span className="text-muted-foreground">Region</span>
          <span className="font-mono">{me.region}</span>
          <span className="text-muted-foreground">Backend</span>
          <span>{me.backend === "local" ? "Local (PKCS#11 HSMs)" : "AWS KMS + CloudHSM"}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={onSignOut} disabled={signOut.isPending} data-testid="sign-out">
          <LogOut aria-hidden />
          {signOut.isPending ? "Signing out…" : "Sign out"}
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
