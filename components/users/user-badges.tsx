import { Badge } from "@/components/ui/badge.tsx";
import type { UserSummary } from "@/lib/schemas/users.ts";

/** A user's status, and "service" for the console's own status poller. */
export function UserBadges({ user }: { user: UserSummary }) {
  return (
    <span className="flex flex-wrap gap-1">
      <Badge tone={user.status === "Active" ? "success" : "neutral"}>{user.status}</Badge>
      {user.serviceUser ? <Badge tone="info">Service</Badge> : null}
    </span>
  );
}
