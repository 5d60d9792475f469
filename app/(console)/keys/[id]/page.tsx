import type { Metadata } from "next";
import { KeyDetail } from "@/components/keys/key-detail.tsx";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";

export const metadata: Metadata = { title: "Key" };

export default async function KeyPage({ params }: { params: Promise<{ id: string }> }) {
  await requireSession();
  const { id } = await params;
  return <KeyDetail id={decodeURIComponent(id)} />;
}
