"use client";

import Link from "next/link";
import { useState } from "react";
import { LocalTime } from "@/components/shell/local-time.tsx";
import { PageButtons } from "@/components/shell/page-buttons.tsx";
import { cn } from "@/lib/utils.ts";
import { useKeys } from "@/lib/queries/keys.ts";
import { DEFAULT_KEY_PAGE_SIZE, ZKeyListQuery } from "@/lib/schemas/key-list.ts";
import type { KeySummary } from "@/lib/schemas/keys.ts";
import { KeyStateBadge } from "./key-state-badge.tsx";

/**
 * A compact key table of one custom key store's keys, with the deletion date of keys pending deletion:
 * pages of GET /api/keys?store= (the key cache), starting from the first page the store page came with.
 */
export function KeysList({ customKeyStoreId, firstPage }: { customKeyStoreId: string; firstPage: KeySummary[] }) {
  const [page, setPage] = useState(1);
  const { data } = useKeys(ZKeyListQuery.parse({ store: customKeyStoreId, page }));
  const keys = data?.keys ?? (page === 1 ? firstPage : []);
  const total = data?.total ?? firstPage.length;
  const pages = Math.max(1, Math.ceil(total / DEFAULT_KEY_PAGE_SIZE));
  return (
    <div>
      <div className="relative overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm" data-testid="store-keys">
          <thead>
            <tr className="border-y border-border bg-muted/60 text-xs text-muted-foreground">
              <th scope="col" className="px-5 py-2.5 font-bold">
                Alias
              </th>
              <th scope="col" className="px-5 py-2.5 font-bold">
                Key ID
              </th>
              <th scope="col" className="px-5 py-2.5 font-bold">
                Status
              </th>
              <th scope="col" className="px-5 py-2.5 font-bold">
                Creation date
              </th>
              <th scope="col" className="px-5 py-2.5 font-bold">
                Deletion date
              </th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.keyId} className="border-b border-border last:border-0">
                <td className="px-5 py-3">
                  {/* An alias-less key is named by its id: a link's text must say where it goes. */}
                  <Link
                    href={`/keys/${k.keyId}`}
                    className={cn("font-bold text-link hover:underline", k.aliases[0] ? undefined : "font-mono text-xs break-all")}
                  >
                    {k.aliases[0] ?? k.keyId}
                  </Link>
                </td>
                <td className="px-5 py-3 font-mono text-xs">
                  <Link href={`/keys/${k.keyId}`} className="hover:underline">
                    {k.keyId}
                  </Link>
                </td>
                <td className="px-5 py-3">
                  <KeyStateBadge state={k.keyState} />
                </td>
                <td className="px-5 py-3 whitespace-nowrap">
                  <LocalTime iso={k.creationDate} />
                </td>
                <td className="px-5 py-3 whitespace-nowrap">
                  <LocalTime iso={k.deletionDate} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav aria-label="Keys in this store pages" className="flex items-center justify-end gap-1 px-5 py-2">
          <PageButtons page={page} pages={pages} onPage={setPage} />
        </nav>
      ) : null}
    </div>
  );
}
