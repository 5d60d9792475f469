import type { HTMLAttributes } from "react";
import { cn } from "@/lib/utils.ts";

/** A grey placeholder block shown while data loads. */
export function Skeleton({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return <div aria-hidden className={cn("animate-pulse rounded-md bg-muted", className)} {...props} />;
}
