import type { ComponentProps } from "react";
import { cn } from "@/lib/utils.ts";

export type ButtonVariant = "primary" | "normal" | "link" | "ghost" | "destructive";
export type ButtonSize = "sm" | "md" | "icon";

const base =
  "inline-flex shrink-0 cursor-pointer items-center justify-center gap-2 rounded-full font-bold whitespace-nowrap transition-colors " +
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring " +
  "disabled:cursor-not-allowed aria-disabled:cursor-not-allowed [&_svg]:size-4 [&_svg]:shrink-0";

const variants: Record<ButtonVariant, string> = {
  primary:
    "bg-primary text-primary-foreground hover:bg-primary-hover " +
    "disabled:bg-muted aria-disabled:bg-muted disabled:text-muted-foreground/70 aria-disabled:text-muted-foreground/70 disabled:hover:bg-muted aria-disabled:hover:bg-muted",
  normal:
    "border-2 border-link bg-card text-link hover:bg-selected hover:text-link-hover hover:border-link-hover " +
    "disabled:border-border aria-disabled:border-border disabled:bg-card aria-disabled:bg-card disabled:text-muted-foreground/70 aria-disabled:text-muted-foreground/70",
  link: "text-link hover:bg-selected hover:text-link-hover disabled:text-muted-foreground/70 aria-disabled:text-muted-foreground/70",
  ghost: "font-normal text-foreground hover:bg-muted disabled:text-muted-foreground/70 aria-disabled:text-muted-foreground/70",
  destructive:
    "bg-destructive text-white hover:bg-destructive/90 disabled:bg-muted aria-disabled:bg-muted disabled:text-muted-foreground/70 aria-disabled:text-muted-foreground/70",
};

const sizes: Record<ButtonSize, string> = {
  sm: "h-7 px-3 text-xs",
  md: "h-8 px-4 text-sm",
  icon: "size-8 p-0",
};

/** Button styling for elements that are not <button> (e.g. a Link that looks like a button). */
export function buttonVariants({
  variant = "normal",
  size = "md",
  className,
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}) {
  return cn(base, variants[variant], sizes[size], className);
}

export type ButtonProps = ComponentProps<"button"> & { variant?: ButtonVariant; size?: ButtonSize };

export function Button({ variant = "normal", size = "md", className, type = "button", ...props }: ButtonProps) {
  return <button type={type} className={buttonVariants({ variant, size, className })} {...props} />;
}
