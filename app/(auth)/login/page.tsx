import { Activity, KeyRound, LockKeyhole, ShieldCheck } from "lucide-react";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form.tsx";
import { KeyholdMark } from "@/components/shell/keyhold-logo.tsx";
import { safeNextPath } from "@/lib/schemas/auth.ts";
import { getSession } from "@/lib/server/console/auth/get-session.ts";

export const metadata: Metadata = { title: "Sign in" };

const FEATURES = [
  {
    icon: LockKeyhole,
    title: "CloudHSM and external key stores",
    text: "Create, connect and watch every custom key store from one place.",
  },
  { icon: Activity, title: "Live connection state", text: "Failures come with their error code and the steps that fix them." },
  { icon: KeyRound, title: "Keys where you keep them", text: "Key material stays in your HSMs, locally or in AWS CloudHSM." },
  { icon: ShieldCheck, title: "Audited by default", text: "Every sign-in and operation is recorded with its principal." },
];

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next } = await searchParams;
  const target = safeNextPath(typeof next === "string" ? next : null);
  if (await getSession()) redirect(target);

  return (
    <div className="grid min-h-screen lg:grid-cols-[minmax(0,1fr)_minmax(0,1.1fr)]">
      <main className="flex flex-col bg-card px-6 py-8 sm:px-12">
        <div className="flex items-center gap-2.5">
          <KeyholdMark className="size-8" />
          <span className="text-lg font-bold tracking-tight">Keyhold</span>
        </div>
        <div className="mx-auto flex w-full max-w-sm flex-1 flex-col justify-center py-12">
          <h1 className="text-2xl font-bold tracking-tight">Sign in to the console</h1>
          <p className="mt-1.5 mb-7 text-sm text-muted-foreground">Use your Keyhold user name and password.</p>
          <LoginForm next={target} />
          <p className="mt-8 border-t border-border pt-5 text-xs leading-5 text-muted-foreground">
            First sign-in? The <span className="font-bold text-foreground">admin</span> password is the one set-up printed, or the value of{" "}
            <code className="rounded bg-muted px-1 py-0.5 font-mono text-[11px] text-foreground">KEYHOLD_ADMIN_PASSWORD</code> when set-up
            ran.
          </p>
        </div>
        <p className="text-xs text-muted-foreground">
          Sessions end after a period set by your administrator. Sign out on shared computers.
        </p>
      </main>

      <aside className="relative hidden overflow-hidden bg-header text-header-foreground lg:flex lg:flex-col lg:justify-center lg:px-16">
        <div
          aria-hidden
          className="absolute inset-0 opacity-[0.07] [background-image:radial-gradient(circle_at_1px_1px,white_1px,transparent_0)] [background-size:22px_22px]"
        />
        <div aria-hidden className="absolute -top-48 -right-32 size-[34rem] rounded-full bg-link/25 blur-[120px]" />
        <div aria-hidden className="absolute -bottom-56 -left-40 size-[30rem] rounded-full bg-primary/10 blur-[120px]" />
        <div className="relative max-w-lg">
          <p className="text-xs font-bold tracking-[0.14em] text-primary uppercase">KMS custom key stores</p>
          <h2 className="mt-3 text-3xl leading-tight font-bold tracking-tight">
            Your keys, in HSMs you control, managed like the rest of AWS.
          </h2>
          <ul className="mt-10 flex flex-col gap-6">
            {FEATURES.map(({ icon: Icon, title, text }) => (
              <li key={title} className="flex gap-4">
                <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-white/[0.07] ring-1 ring-white/10">
                  <Icon className="size-5 text-primary" aria-hidden />
                </span>
                <span>
                  <span className="block font-bold">{title}</span>
                  <span className="mt-0.5 block text-sm text-header-muted">{text}</span>
                </span>
              </li>
            ))}
          </ul>
        </div>
      </aside>
    </div>
  );
}
