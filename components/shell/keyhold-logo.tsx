import { cn } from "@/lib/utils.ts";

/** The Keyhold mark: a keyhole in a rounded shield, on AWS orange. */
export function KeyholdMark({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={cn("size-7 shrink-0", className)} aria-hidden focusable="false">
      <rect width="32" height="32" rx="8" fill="#ff9900" />
      <path d="M16 5.5 7.5 8.75v6.6c0 5.3 3.55 9.6 8.5 11.15 4.95-1.55 8.5-5.85 8.5-11.15v-6.6L16 5.5Z" fill="#0f1b2a" />
      <circle cx="16" cy="13.6" r="3" fill="#ff9900" />
      <path d="M14.55 15.6h2.9l.85 5.4h-4.6l.85-5.4Z" fill="#ff9900" />
    </svg>
  );
}
