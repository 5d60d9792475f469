import type { Metadata } from "next";
import { KeyStoreDetail } from "@/components/key-stores/key-store-detail.tsx";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";

export const metadata: Metadata = { title: "Key store" };

// The page renders at once and loads the store in the browser (skeleton first), so a slow or failed
// backend never blocks it; React Query keeps the connection state live.
export default async function KeyStorePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireSession();
  const { id } = await params;
  const { created } = await searchParams;
  return <KeyStoreDetail id={decodeURIComponent(id)} justCreated={created === "1"} />;
}
