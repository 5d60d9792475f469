"use client";

import { ChevronDown, Pencil, PlugZap, Trash2, Unplug } from "lucide-react";
import { useEffect, useState } from "react";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu.tsx";
import { GuardedButton } from "@/components/shell/guarded-button.tsx";
import { dismissToast, toast } from "@/components/ui/toaster.tsx";
import type { EditField } from "@/lib/console/connection-errors.ts";
import { canConnect, canDelete, canDisconnect, canEdit, type ActionRule } from "@/lib/console/key-store-actions.ts";
import { useConnectKeyStore } from "@/lib/queries/key-stores.ts";
import type { KeyStoreSummary } from "@/lib/schemas/key-stores.ts";
import { buttonVariants } from "@/components/ui/button.tsx";
import { DeleteKeyStoreDialog } from "./delete-key-store-dialog.tsx";
import { DisconnectKeyStoreDialog } from "./disconnect-key-store-dialog.tsx";
import { EditKeyStoreDialog } from "./edit-key-store-dialog.tsx";
import { EditXksKeyStoreDialog } from "./edit-xks-key-store-dialog.tsx";

const connectToastId = (storeId: string) => `connect-${storeId}`;

type Open = null | "disconnect" | "edit" | "delete";

export type KeyStoreActionsProps = {
  store: KeyStoreSummary;
  /** "menu": the table's row menu. "buttons": the detail page's header. */
  variant: "menu" | "buttons";
  /** Called after Connect is accepted (the detail page shows its progress). */
  onConnectStarted?: () => void;
  /** Opens Edit with a field in focus (from a troubleshooting fix). */
  editFocus?: EditField;
  editOpen?: boolean;
  onEditOpenChange?: (open: boolean) => void;
};

/**
 * Connect, Disconnect, Edit and Delete for a key store, each enabled only where the state allows it;
 * a disabled action says why (a tooltip and description on the button, visibly in the menu). Same rules in the table and on the page.
 */
export function KeyStoreActions({ store, variant, onConnectStarted, editFocus, editOpen, onEditOpenChange }: KeyStoreActionsProps) {
  const [open, setOpen] = useState<Open>(null);
  const connect = useConnectKeyStore();
  const rules: Record<"connect" | "disconnect" | "edit" | "delete", ActionRule> = {
    connect: canConnect(store),
    disconnect: canDisconnect(store),
    edit: canEdit(store),
    delete: canDelete(store),
  };
  const doConnect = () =>
    connect.mutate(store.customKeyStoreId, {
      onSuccess: () => {
        toast({
          id: connectToastId(store.customKeyStoreId),
          tone: "info",
          title: `Connecting ${store.customKeyStoreName}`,
          description:
            store.customKeyStoreType === "EXTERNAL_KEY_STORE"
              ? "KMS is checking the proxy's health. The connection state updates by itself."
              : "KMS is logging in to the cluster. The connection state updates by itself.",
        });
        onConnectStarted?.();
      },
    });
  // The "Connecting…" toast speaks for CONNECTING only: it goes as soon as the store settles (the badge and,
  // on failure, the fix steps then say what happened).
  const state = store.connectionState;
  useEffect(() => {
    if (state !== "CONNECTING") dismissToast(connectToastId(store.customKeyStoreId));
  }, [state, store.customKeyStoreId]);
  const isEditOpen = editOpen ?? open === "edit";
  const setEdit = (v: boolean) => (onEditOpenChange ? onEditOpenChange(v) : setOpen(v ? "edit" : null));
  const why = (r: ActionRule) => (r.allowed ? undefined : r.reason);

  const dialogs = (
    <>
      {open === "disconnect" ? <DisconnectKeyStoreDialog store={store} open onClose={() => setOpen(null)} /> : null}
      {open === "delete" ? <DeleteKeyStoreDialog store={store} open onClose={() => setOpen(null)} /> : null}
      {isEditOpen && store.customKeyStoreType === "EXTERNAL_KEY_STORE" ? (
        <EditXksKeyStoreDialog store={store} open focus={editFocus} onClose={() => setEdit(false)} />
      ) : isEditOpen ? (
        <EditKeyStoreDialog
          store={store}
          open
          focus={editFocus === "keyStorePassword" || editFocus === "cloudHsmClusterId" ? editFocus : undefined}
          onClose={() => setEdit(false)}
        />
      ) : null}
    </>
  );

  if (variant === "menu") {
    const item = (key: keyof typeof rules, label: string, Icon: typeof PlugZap, onSelect: () => void) => (
      <DropdownMenuItem disabled={!rules[key].allowed} onSelect={onSelect}>
        <Icon aria-hidden />
        <span className="flex flex-col">
          {label}
          {!rules[key].allowed ? <span className="max-w-64 text-xs text-muted-foreground">{why(rules[key])}</span> : null}
        </span>
      </DropdownMenuItem>
    );
    return (
      <>
        <DropdownMenu>
          <DropdownMenuTrigger
            className={buttonVariants({ variant: "normal", size: "sm" })}
            aria-label={`Actions for ${store.customKeyStoreName}`}
          >
            Actions
            <ChevronDown aria-hidden />
          </DropdownMenuTrigger>
          <DropdownMenuContent className="w-72">
            {item("connect", connect.isPending ? "Connecting…" : "Connect", PlugZap, doConnect)}
            {item("disconnect", "Disconnect", Unplug, () => setOpen("disconnect"))}
            {item("edit", "Edit", Pencil, () => setEdit(true))}
            {item("delete", "Delete", Trash2, () => setOpen("delete"))}
          </DropdownMenuContent>
        </DropdownMenu>
        {dialogs}
      </>
    );
  }

  const btn = (
    key: keyof typeof rules,
    label: string,
    Icon: typeof PlugZap,
    onClick: () => void,
    variantName: "normal" | "primary" = "normal",
  ) => (
    <GuardedButton
      rule={rules[key]}
      variant={variantName}
      onClick={onClick}
      disabled={key === "connect" && connect.isPending}
      data-testid={`store-${key}`}
    >
      <Icon aria-hidden />
      {label}
    </GuardedButton>
  );
  return (
    <>
      {btn("disconnect", "Disconnect", Unplug, () => setOpen("disconnect"))}
      {btn("edit", "Edit", Pencil, () => setEdit(true))}
      {btn("delete", "Delete", Trash2, () => setOpen("delete"))}
      {btn("connect", connect.isPending ? "Connecting…" : "Connect", PlugZap, doConnect, "primary")}
      {dialogs}
    </>
  );
}
