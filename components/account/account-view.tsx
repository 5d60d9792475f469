"use client";

import { LocalTime } from "@/components/shell/local-time.tsx";
import { Card } from "@/components/ui/card.tsx";
import { ErrorPanel } from "@/components/shell/error-panel.tsx";
import { KeyValue, KeyValueGrid } from "@/components/shell/key-value.tsx";
import { SectionCard } from "@/components/shell/section-card.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";
import { AccessKeysPanel } from "@/components/users/access-keys-panel.tsx";
import { useAccount } from "@/lib/queries/users.ts";
import { ChangePasswordForm } from "./change-password-form.tsx";

/** Every user: who they are, their password, and their own access keys. */
export function AccountView() {
  const { data, error, refetch } = useAccount();
  if (error) {
    return (
      <Card>
        <ErrorPanel error={error} title="Your account could not be loaded" onRetry={() => void refetch()} />
      </Card>
    );
  }
  if (!data) return <Skeleton className="h-40 w-full" />;
  const { user } = data;
  return (
    <>
      <SectionCard title="Your user">
        <KeyValueGrid>
          <KeyValue label="User name">{user.userName}</KeyValue>
          <KeyValue label="Role">
            <span className="capitalize">{user.role}</span>
          </KeyValue>
          <KeyValue label="Principal ARN">
            <span className="font-mono text-xs break-all">{user.principalArn}</span>
          </KeyValue>
          <KeyValue label="Last sign-in">
            <LocalTime iso={user.lastSignInAt} />
          </KeyValue>
        </KeyValueGrid>
      </SectionCard>
      <ChangePasswordForm />
      <AccessKeysPanel user={user} owner={{ kind: "self" }} />
    </>
  );
}
