"use client";

import { LocalTime } from "@/components/shell/local-time.tsx";
import { UserPlus, Users } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { DataTable, type Column } from "@/components/shell/data-table.tsx";
import { EmptyState } from "@/components/shell/empty-state.tsx";
import { ErrorPanel } from "@/components/shell/error-panel.tsx";
import { Button } from "@/components/ui/button.tsx";
import { useUsers } from "@/lib/queries/users.ts";
import { MAX_ACCESS_KEYS, type UserSummary } from "@/lib/schemas/users.ts";
import { CreateUserDialog } from "./create-user-dialog.tsx";
import { UserBadges } from "./user-badges.tsx";

const COLUMNS: Column<UserSummary>[] = [
  {
    key: "name",
    header: "User name",
    sticky: "start",
    sortValue: (u) => u.userName.toLowerCase(),
    cell: (u) => (
      <Link href={`/users/${encodeURIComponent(u.userId)}`} className="font-bold break-all text-link hover:underline">
        {u.userName}
      </Link>
    ),
  },
  { key: "role", header: "Role", sortValue: (u) => u.role, cell: (u) => <span className="capitalize">{u.role}</span> },
  { key: "status", header: "Status", sortValue: (u) => u.status, cell: (u) => <UserBadges user={u} /> },
  {
    key: "signin",
    header: "Last sign-in",
    sortValue: (u) => u.lastSignInAt ?? "",
    cell: (u) =>
      u.lastSignInAt ? <LocalTime iso={u.lastSignInAt} format="short" /> : <span className="text-muted-foreground">Never</span>,
  },
  {
    key: "keys",
    header: "Access keys",
    sortValue: (u) => u.accessKeys.length,
    cell: (u) => {
      const active = u.accessKeys.filter((k) => k.status === "Active").length;
      return (
        <span>
          {u.accessKeys.length} of {MAX_ACCESS_KEYS}
          {u.accessKeys.length > active ? <span className="text-muted-foreground"> ({active} active)</span> : null}
        </span>
      );
    },
  },
];

/** Admins: every console user, and the way to add one. */
export function UsersView() {
  const { data, error, refetch } = useUsers();
  const router = useRouter();
  const [creating, setCreating] = useState(false);
  const create = (
    <Button variant="primary" onClick={() => setCreating(true)}>
      <UserPlus aria-hidden />
      Create user
    </Button>
  );
  return (
    <>
      <DataTable
        title="Users"
        testId="users-table"
        actions={create}
        columns={COLUMNS}
        rows={data?.users}
        rowKey={(u) => u.userId}
        filterText={(u) => `${u.userName} ${u.role} ${u.status}`}
        filterPlaceholder="Filter by name, role or status"
        defaultSort={{ key: "name", dir: "asc" }}
        error={error ? <ErrorPanel error={error} title="The users could not be loaded" onRetry={() => void refetch()} /> : undefined}
        empty={<EmptyState icon={Users} title="No users" description="Create the first user." action={create} />}
      />
      {creating ? (
        <CreateUserDialog onClose={() => setCreating(false)} onCreated={(id) => router.push(`/users/${encodeURIComponent(id)}`)} />
      ) : null}
    </>
  );
}
