"use client";

import { Eye, EyeOff } from "lucide-react";
import { useState, type ComponentProps } from "react";
import { Input } from "./input.tsx";

/** A password input with a Show/Hide toggle (a real button, so it is reachable by keyboard). */
export function PasswordInput({ showLabel = "Show password", ...props }: Omit<ComponentProps<"input">, "type"> & { showLabel?: string }) {
  const [shown, setShown] = useState(false);
  return (
    <div className="relative">
      <Input {...props} type={shown ? "text" : "password"} className="pr-10 font-mono" autoComplete="new-password" spellCheck={false} />
      <button
        type="button"
        onClick={() => setShown((s) => !s)}
        aria-pressed={shown}
        aria-label={showLabel}
        title={shown ? "Hide" : "Show"}
        className="absolute top-1/2 right-1 flex size-6 -translate-y-1/2 cursor-pointer items-center justify-center rounded text-muted-foreground hover:bg-muted hover:text-foreground"
      >
        {shown ? <EyeOff className="size-4" aria-hidden /> : <Eye className="size-4" aria-hidden />}
      </button>
    </div>
  );
}
