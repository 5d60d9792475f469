import { redirect } from "next/navigation";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";

/** The console opens on the key stores. */
export default async function Home() {
  await requireSession();
  redirect("/key-stores");
}
