import Link from "next/link";
import type { MeResponse } from "@/lib/schemas/auth.ts";
import { BackendBadge } from "./backend-badge.tsx";
import { KeyholdMark } from "./keyhold-logo.tsx";
import { UserMenu } from "./user-menu.tsx";

/** The dark top bar: product, backend in use, signed-in user. */
export function AppHeader({ me }: { me: MeResponse }) {
  return (
    <header className="sticky top-0 z-40 flex h-12 items-center gap-4 bg-header px-4 text-header-foreground shadow-[0_1px_0_rgb(255_255_255/0.06)]">
      <Link href="/key-stores" className="flex items-center gap-2.5 rounded-md pr-2 hover:opacity-90" aria-label="Keyhold home">
        <KeyholdMark className="size-7" />
        <span className="text-[15px] font-bold tracking-tight">Keyhold</span>
      </Link>
      <span aria-hidden className="hidden h-5 w-px bg-white/15 md:block" />
      <span className="hidden text-sm text-header-muted md:inline">KMS custom key stores</span>
      <div className="ml-auto flex items-center gap-3">
        <BackendBadge backend={me.backend} region={me.region} accountId={me.accountId} />
        <UserMenu />
      </div>
    </header>
  );
}
