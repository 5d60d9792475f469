"use client";

import { Eye, EyeOff, LoaderCircle } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert.tsx";
import { Button } from "@/components/ui/button.tsx";
import { Input } from "@/components/ui/input.tsx";
import { Label } from "@/components/ui/label.tsx";
import { isApiError } from "@/lib/api-client.ts";
import { useSchemaForm } from "@/lib/console/use-schema-form.ts";
import { useSignIn } from "@/lib/queries/auth.ts";
import { ZLoginRequest } from "@/lib/schemas/auth.ts";

function describeError(error: unknown): { title: string; message: string; requestId?: string } {
  if (!isApiError(error)) return { title: "Sign-in failed", message: "An unexpected error occurred. Try again." };
  if (error.status === 429) return { title: "Too many attempts", message: error.message };
  if (error.status === 401) return { title: "Sign-in failed", message: error.message };
  return { title: "Sign-in failed", message: error.message, requestId: error.status >= 500 ? error.requestId : undefined };
}

/** User name + password form. Errors are announced beside the form; focus returns to the field to fix. */
export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const signIn = useSignIn();
  // Uncontrolled inputs (the browser's password manager fills them): the values are read on submit.
  const form = useSchemaForm({});
  const fieldErrors = form.errors;
  const [showPassword, setShowPassword] = useState(false);
  const userRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  // Focus goes to the first field to fix.
  useEffect(() => {
    (fieldErrors.userName ? userRef : fieldErrors.password ? passwordRef : null)?.current?.focus();
  }, [fieldErrors]);
  const id = useId();
  const errorId = `${id}-error`;

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const login = form.check(ZLoginRequest, { userName: data.get("userName"), password: data.get("password") });
    if (!login) return;
    signIn.mutate(login, {
      onSuccess: () => {
        router.replace(next);
        router.refresh();
      },
      onError: (e) => {
        form.showServerErrors(e);
        const input = passwordRef.current;
        if (input) {
          input.value = "";
          input.focus();
        }
      },
    });
  };

  const failure = signIn.isError ? describeError(signIn.error) : null;
  const pending = signIn.isPending || signIn.isSuccess;

  return (
    <form onSubmit={onSubmit} noValidate aria-describedby={failure ? errorId : undefined} className="flex flex-col gap-5">
      {failure ? (
        <Alert tone="error" title={failure.title} id={errorId} data-testid="login-error">
          {failure.message}
          {failure.requestId ? (
            <span className="mt-1 block font-mono text-xs text-muted-foreground">Request ID: {failure.requestId}</span>
          ) : null}
        </Alert>
      ) : null}

      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-user`}>User name</Label>
        <Input
          ref={userRef}
          id={`${id}-user`}
          name="userName"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          required
          className="h-9"
          aria-invalid={fieldErrors.userName ? true : undefined}
          aria-describedby={fieldErrors.userName ? `${id}-user-error` : undefined}
        />
        {fieldErrors.userName ? (
          <p id={`${id}-user-error`} className="text-xs font-bold text-destructive">
            {fieldErrors.userName}
          </p>
        ) : null}
      </div>

      <div className="flex flex-col gap-1.5">
        <Label htmlFor={`${id}-password`}>Password</Label>
        <div className="relative">
          <Input
            ref={passwordRef}
            id={`${id}-password`}
            name="password"
            type={showPassword ? "text" : "password"}
            autoComplete="current-password"
            required
            className="h-9 pr-10"
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={fieldErrors.password ? `${id}-password-error` : undefined}
          />
          <button
            type="button"
            onClick={() => setShowPassword((v) => !v)}
            aria-pressed={showPassword}
            aria-label={showPassword ? "Hide password" : "Show password"}
            className="absolute top-1/2 right-1 flex size-7 -translate-y-1/2 cursor-pointer items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground"
          >
            {showPassword ? <EyeOff className="size-4" aria-hidden /> : <Eye className="size-4" aria-hidden />}
          </button>
        </div>
        {fieldErrors.password ? (
          <p id={`${id}-password-error`} className="text-xs font-bold text-destructive">
            {fieldErrors.password}
          </p>
        ) : null}
      </div>

      <Button type="submit" variant="primary" className="mt-1 h-9 w-full" disabled={pending}>
        {pending ? <LoaderCircle className="animate-spin" aria-hidden /> : null}
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
