"use client";

import { LocalTime } from "@/components/shell/local-time.tsx";
import { KeyRound, Trash2, UserCheck, UserX } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmDialog } from "@/components/shell/confirm-dialog.tsx";
import { DetailLoadError, DetailLoading } from "@/components/shell/detail-page-states.tsx";
import { GuardedButton } from "@/components/shell/guarded-button.tsx";
import { KeyValue, KeyValueGrid } from "@/components/shell/key-value.tsx";
import { PageHeader } from "@/components/shell/page-header.tsx";
import { SectionCard } from "@/components/shell/section-card.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Select } from "@/components/ui/select.tsx";
import { toast } from "@/components/ui/toaster.tsx";
import type { ActionRule } from "@/lib/console/key-store-actions.ts";
import { useMe } from "@/lib/queries/me.ts";
import { useDeleteUser, useUpdateUser, useUsers } from "@/lib/queries/users.ts";
import type { Role } from "@/lib/schemas/auth.ts";
import type { UserSummary } from "@/lib/schemas/users.ts";
import { AccessKeysPanel } from "./access-keys-panel.tsx";
import { ResetPasswordDialog } from "./reset-password-dialog.tsx";
import { ROLE_DESCRIPTIONS, RoleOptions } from "./role-options.tsx";
import { UserBadges } from "./user-badges.tsx";

const CRUMBS = [
  { label: "Keyhold", href: "/key-stores" },
  { label: "Users", href: "/users" },
];

/** The same guards as the server's (admin-guards.ts), so a refused action says why before it is tried. */
function guard(user: UserSummary, users: UserSummary[], myName: string | undefined, what: string): ActionRule {
  if (user.serviceUser) return { allowed: false, reason: "The console's own service user is managed by the console." };
  if (user.userName === myName) return { allowed: false, reason: `You cannot ${what} your own user. Ask another administrator.` };
  const otherAdmins = users.filter((u) => u.userId !== user.userId && u.role === "admin" && u.status === "Active").length;
  if (user.role === "admin" && user.status === "Active" && otherAdmins === 0) {
    return { allowed: false, reason: `${user.userName} is the last active administrator.` };
  }
  return { allowed: true };
}

function RoleEditor({ user, rule }: { user: UserSummary; rule: ActionRule }) {
  const [role, setRole] = useState<Role>(user.role);
  const update = useUpdateUser();
  return (
    <div className="flex flex-wrap items-end gap-2">
      <label className="flex flex-col gap-1 text-sm">
        <span className="font-bold">Role</span>
        <Select className="w-40" value={role} onChange={(e) => setRole(e.target.value as Role)} disabled={!rule.allowed}>
          <RoleOptions />
        </Select>
      </label>
      <GuardedButton
        rule={rule}
        disabled={role === user.role || update.isPending}
        onClick={() =>
          update.mutate(
            { userId: user.userId, change: { action: "set-role", role } },
            { onSuccess: () => toast({ tone: "success", title: `${user.userName} is now ${role}` }) },
          )
        }
      >
        {update.isPending ? "Saving…" : "Change role"}
      </GuardedButton>
      <p className="basis-full text-xs text-muted-foreground">{ROLE_DESCRIPTIONS[role]}</p>
    </div>
  );
}

/** Admins: one user — role, status, password, deletion, and their access keys. */
export function UserDetailView({ userId }: { userId: string }) {
  const { data, error, refetch } = useUsers();
  const { data: me } = useMe();
  const router = useRouter();
  const update = useUpdateUser();
  const remove = useDeleteUser();
  const [resetting, setResetting] = useState(false);
  const [deleting, setDeleting] = useState(false);

  if (error)
    return (
      <DetailLoadError breadcrumbs={CRUMBS} id={userId} title="The user could not be loaded" error={error} onRetry={() => void refetch()} />
    );
  if (!data) return <DetailLoading breadcrumbs={CRUMBS} title="User" />;
  const user = data.users.find((u) => u.userId === userId);
  if (!user) {
    return (
      <DetailLoadError
        breadcrumbs={CRUMBS}
        id={userId}
        title="The user cannot be found. It may have been deleted."
        error={{ code: "NoSuchEntity", message: "The user cannot be found." }}
        onRetry={() => void refetch()}
      />
    );
  }
  const roleRule = guard(user, data.users, me?.userName, "change the role of");
  const statusRule =
    user.status === "Active"
      ? guard(user, data.users, me?.userName, "deactivate")
      : guard({ ...user, role: "viewer" }, data.users, me?.userName, "activate");
  const deleteRule = guard(user, data.users, me?.userName, "delete");
  const nextStatus = user.status === "Active" ? "Inactive" : "Active";

  return (
    <>
      <PageHeader
        breadcrumbs={[...CRUMBS, { label: user.userName }]}
        title={user.userName}
        description={user.principalArn}
        actions={
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => setResetting(true)} disabled={user.serviceUser}>
              <KeyRound aria-hidden />
              Reset password
            </Button>
            <GuardedButton
              rule={statusRule}
              disabled={update.isPending}
              onClick={() =>
                update.mutate(
                  { userId: user.userId, change: { action: "set-status", status: nextStatus } },
                  { onSuccess: () => toast({ tone: "success", title: `${user.userName} is now ${nextStatus}` }) },
                )
              }
            >
              {user.status === "Active" ? <UserX aria-hidden /> : <UserCheck aria-hidden />}
              {user.status === "Active" ? "Deactivate" : "Activate"}
            </GuardedButton>
            <GuardedButton variant="destructive" rule={deleteRule} onClick={() => setDeleting(true)}>
              <Trash2 aria-hidden />
              Delete user
            </GuardedButton>
          </div>
        }
      />
      <SectionCard title="Summary">
        <KeyValueGrid>
          <KeyValue label="Status">
            <UserBadges user={user} />
          </KeyValue>
          <KeyValue label="Created">
            <LocalTime iso={user.createdAt} />
          </KeyValue>
          <KeyValue label="Last sign-in">
            <LocalTime iso={user.lastSignInAt} empty="Never" />
          </KeyValue>
        </KeyValueGrid>
        <div className="mt-4">
          <RoleEditor key={user.role} user={user} rule={roleRule} />
        </div>
      </SectionCard>
      <AccessKeysPanel user={user} owner={{ kind: "user", userId: user.userId }} />
      {resetting ? <ResetPasswordDialog user={user} onClose={() => setResetting(false)} /> : null}
      {deleting ? (
        <ConfirmDialog
          onClose={() => setDeleting(false)}
          title={`Delete user ${user.userName}?`}
          description="Their sessions end and their access keys stop working at once. Their audit events stay."
          icon={Trash2}
          confirmLabel="Delete user"
          pendingLabel="Deleting…"
          pending={remove.isPending}
          onConfirm={() =>
            remove.mutate(user.userId, {
              onSuccess: () => {
                toast({ tone: "success", title: `Deleted user ${user.userName}` });
                router.push("/users");
              },
            })
          }
        >
          <p className="text-sm">
            {user.accessKeys.length} access key{user.accessKeys.length === 1 ? "" : "s"} will be deleted with the user. This cannot be
            undone.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
