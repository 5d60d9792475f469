import { ShieldAlert } from "lucide-react";
import { Card } from "@/components/ui/card.tsx";
import { EmptyState } from "@/components/shell/empty-state.tsx";

/** What a non-admin sees on an admin page (the API answers them 403 as well). */
export function AdminOnly({ role }: { role: string }) {
  return (
    <Card data-testid="admin-only">
      <EmptyState
        icon={ShieldAlert}
        title="Only administrators can manage users"
        description={`Your role is ${role}. Ask an administrator to create users or access keys for others. Your own password and access keys are under My account.`}
      >
        <a href="/account" className="mt-4 text-sm font-bold text-link underline">
          Go to My account
        </a>
      </EmptyState>
    </Card>
  );
}
