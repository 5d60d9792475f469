import type { ComponentProps } from "react";
import { cn } from "@/lib/utils.ts";

/** A native select, styled like Input (native keeps keyboard and screen-reader behaviour for free). */
export function Select({ className, ...props }: ComponentProps<"select">) {
  return (
    <select
      className={cn(
        "block h-8 w-full cursor-pointer rounded-md border border-input bg-card px-2 text-sm text-foreground",
        "focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring",
        "disabled:cursor-not-allowed disabled:border-border disabled:bg-muted disabled:text-muted-foreground",
        "aria-invalid:border-destructive",
        className,
      )}
      {...props}
    />
  );
}
