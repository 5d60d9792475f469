import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header.tsx";
import { CompactNav, SidebarNav } from "@/components/shell/sidebar-nav.tsx";
import { meKeys } from "@/lib/queries/me.ts";
import { makeQueryClient } from "@/lib/queries/query-client.ts";
import { describeCurrentUser } from "@/lib/server/console/auth/describe-current-user.ts";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";
import { isLocalXksProxyConfigured } from "@/lib/server/console/external-keys/local-xks-proxy.ts";

// Every console page renders inside this layout, which checks the session against the database
// (proxy.ts only saw that a cookie is present) and prefetches the signed-in user for the header.
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await requireSession();
  const me = describeCurrentUser(session);
  const queryClient = makeQueryClient();
  queryClient.setQueryData(meKeys.current(), me);
  const localXksProxy = isLocalXksProxyConfigured();

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <div className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only z-50 rounded-md bg-card px-3 py-2 font-bold text-link focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        >
          Skip to main content
        </a>
        <AppHeader me={me} />
        <CompactNav localXksProxy={localXksProxy} />
        <div className="flex flex-1">
          <aside className="sticky top-12 hidden h-[calc(100vh-3rem)] w-64 shrink-0 flex-col justify-between overflow-y-auto border-r border-border bg-card lg:flex">
            <SidebarNav localXksProxy={localXksProxy} />
            <p className="border-t border-border px-6 py-3 text-xs text-muted-foreground">Keyhold 0.1.0</p>
          </aside>
          <main id="main" className="min-w-0 flex-1">
            <div className="mx-auto flex max-w-[1280px] flex-col gap-6 px-5 py-6 lg:px-10">{children}</div>
          </main>
        </div>
      </div>
    </HydrationBoundary>
  );
}
