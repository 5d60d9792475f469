import { Compass } from "lucide-react";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button.tsx";
import { KeyholdMark } from "@/components/shell/keyhold-logo.tsx";
import { requireSession } from "@/lib/server/console/auth/get-session.ts";

export default async function NotFound() {
  // Only signed-in users learn which paths exist.
  await requireSession();
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-4 px-6 text-center">
      <KeyholdMark className="size-10" />
      <span aria-hidden className="mt-4 flex size-12 items-center justify-center rounded-full bg-muted text-muted-foreground">
        <Compass className="size-6" />
      </span>
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p className="max-w-md text-sm text-muted-foreground">The page you asked for does not exist or has moved.</p>
      <Link href="/key-stores" className={buttonVariants({ variant: "primary", className: "mt-2" })}>
        Go to key stores
      </Link>
    </main>
  );
}
