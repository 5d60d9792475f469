"use client";

import { LocalTime } from "@/components/shell/local-time.tsx";
import { KeyRound, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { ConfirmDialog } from "@/components/shell/confirm-dialog.tsx";
import { EmptyState } from "@/components/shell/empty-state.tsx";
import { GuardedButton } from "@/components/shell/guarded-button.tsx";
import { SectionCard } from "@/components/shell/section-card.tsx";
import { Badge } from "@/components/ui/badge.tsx";
import { Button } from "@/components/ui/button.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import { useMe } from "@/lib/queries/me.ts";
import { useCreateAccessKey, useDeleteAccessKey, useUpdateAccessKey, type AccessKeyOwner } from "@/lib/queries/users.ts";
import { MAX_ACCESS_KEYS, type AccessKeySummary, type CreateAccessKeyResponse, type UserSummary } from "@/lib/schemas/users.ts";
import { NewAccessKeyDialog } from "./new-access-key-dialog.tsx";

function KeyRow({ k, owner, userName }: { k: AccessKeySummary; owner: AccessKeyOwner; userName: string }) {
  const update = useUpdateAccessKey(owner);
  const [deleting, setDeleting] = useState(false);
  const remove = useDeleteAccessKey(owner);
  const next = k.status === "Active" ? "Inactive" : "Active";
  return (
    <li
      className="flex flex-wrap items-center justify-between gap-3 border-t border-border px-5 py-3 first:border-t-0"
      data-testid="access-key-row"
    >
      <div className="min-w-0">
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="font-mono break-all">{k.accessKeyId}</span>
          <Badge tone={k.status === "Active" ? "success" : "neutral"}>{k.status}</Badge>
          {k.usedByConsole ? <Badge tone="info">Signs the console&apos;s requests</Badge> : null}
        </p>
        <p className="text-xs text-muted-foreground">
          Created <LocalTime iso={k.createdAt} /> · Last used <LocalTime iso={k.lastUsedAt} empty="never" />
        </p>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          disabled={update.isPending}
          onClick={() =>
            update.mutate(
              { accessKeyId: k.accessKeyId, status: next },
              { onSuccess: () => toast({ tone: "success", title: `Access key ${k.accessKeyId} is now ${next}` }) },
            )
          }
        >
          {k.status === "Active" ? "Deactivate" : "Activate"}
        </Button>
        <Button size="sm" variant="destructive" onClick={() => setDeleting(true)}>
          <Trash2 aria-hidden />
          Delete
        </Button>
      </div>
      {deleting ? (
        <ConfirmDialog
          onClose={() => setDeleting(false)}
          title={`Delete access key ${k.accessKeyId}?`}
          description={`Requests signed with it are refused from now on. ${userName}'s other keys are not affected.`}
          icon={Trash2}
          confirmLabel="Delete access key"
          pendingLabel="Deleting…"
          pending={remove.isPending}
          onConfirm={() =>
            remove.mutate(k.accessKeyId, {
              onSuccess: () => {
                toast({ tone: "success", title: `Deleted access key ${k.accessKeyId}` });
                setDeleting(false);
              },
            })
          }
        >
          <p className="text-sm">Anything configured with this key (the AWS CLI, an SDK, Terraform) stops working.</p>
        </ConfirmDialog>
      ) : null}
    </li>
  );
}

/** A user's access keys for the AWS CLI and SDKs: create (secret shown once), deactivate, activate, delete. */
export function AccessKeysPanel({ user, owner }: { user: UserSummary; owner: AccessKeyOwner }) {
  const create = useCreateAccessKey(owner);
  const { data: me } = useMe();
  const [created, setCreated] = useState<CreateAccessKeyResponse | null>(null);
  const full = user.accessKeys.length >= MAX_ACCESS_KEYS;
  return (
    <SectionCard
      bare
      title={`Access keys (${user.accessKeys.length} of ${MAX_ACCESS_KEYS})`}
      description="For the AWS CLI and SDKs against this console's KMS endpoint (the console's own pages need none)."
      actions={
        <GuardedButton
          variant="primary"
          rule={
            full
              ? { allowed: false, reason: `A user has at most ${MAX_ACCESS_KEYS} access keys, as in IAM. Delete one first.` }
              : { allowed: true }
          }
          disabled={create.isPending}
          onClick={() => create.mutate(undefined, { onSuccess: setCreated })}
        >
          <Plus aria-hidden />
          {create.isPending ? "Creating…" : "Create access key"}
        </GuardedButton>
      }
      data-testid="access-keys"
    >
      {user.accessKeys.length === 0 ? (
        <EmptyState
          icon={KeyRound}
          title="No access keys"
          description="Access keys are for the AWS CLI and SDKs. The console needs none: it signs with a credential of the signed-in session."
        />
      ) : (
        <ul>
          {user.accessKeys.map((k) => (
            <KeyRow key={k.accessKeyId} k={k} owner={owner} userName={user.userName} />
          ))}
        </ul>
      )}
      {created ? <NewAccessKeyDialog accessKey={created} region={me?.region ?? "us-east-1"} onClose={() => setCreated(null)} /> : null}
    </SectionCard>
  );
}
