import type { LabelHTMLAttributes } from "react";
import { cn } from "@/lib/utils.ts";

export function Label({ className, ...props }: LabelHTMLAttributes<HTMLLabelElement>) {
  return <label className={cn("block text-sm leading-5 font-bold text-foreground", className)} {...props} />;
}
