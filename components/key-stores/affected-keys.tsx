import Link from "next/link";
import { KeyStateBadge } from "@/components/keys/key-state-badge.tsx";
import { Skeleton } from "@/components/ui/skeleton.tsx";
import type { KeySummary } from "@/lib/schemas/keys.ts";

/** The keys an action affects (the blast radius), in a dialog. */
export function AffectedKeys({ keys, emptyText }: { keys: KeySummary[] | undefined; emptyText: string }) {
  if (!keys) {
    return (
      <div className="flex flex-col gap-2" aria-label="Loading keys">
        <Skeleton className="h-5 w-full" />
        <Skeleton className="h-5 w-2/3" />
      </div>
    );
  }
  if (keys.length === 0) return <p className="text-muted-foreground">{emptyText}</p>;
  return (
    <ul className="max-h-56 divide-y divide-border overflow-y-auto rounded-lg border border-border" data-testid="affected-keys">
      {keys.map((k) => (
        <li key={k.keyId} className="flex items-center justify-between gap-3 px-3 py-2">
          <div className="min-w-0">
            <Link href={`/keys/${k.keyId}`} className="font-bold text-link hover:underline">
              {k.aliases[0] ?? k.keyId}
            </Link>
            {k.aliases[0] ? <p className="truncate font-mono text-xs text-muted-foreground">{k.keyId}</p> : null}
          </div>
          <KeyStateBadge state={k.keyState} />
        </li>
      ))}
    </ul>
  );
}
