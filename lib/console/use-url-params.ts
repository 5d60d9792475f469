"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback } from "react";

/**
 * Table state (filter, sort, page) kept in the URL so a view can be linked and survives reload.
 * set() replaces the given params (empty/undefined removes them) without adding history entries.
 *
 * set() starts from the address bar as it is now, not from the params of the last render, and writes it
 * at once with the History API (Next keeps useSearchParams in step with it). router.replace updated the
 * URL only after a round trip to the server, so a second change within that time (two filters picked
 * within ~100 ms) started from the old query and lost the first.
 */
export function useUrlParams() {
  const params = useSearchParams();
  const pathname = usePathname();
  const set = useCallback(
    (changes: Record<string, string | number | undefined | null>) => {
      const next = new URLSearchParams(window.location.search);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === null || v === "") next.delete(k);
        else next.set(k, String(v));
      }
      const qs = next.toString();
      window.history.replaceState(null, "", qs ? `${pathname}?${qs}` : pathname);
    },
    [pathname],
  );
  return { get: (k: string) => params.get(k) ?? undefined, set };
}
