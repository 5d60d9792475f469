import { Plus } from "lucide-react";
import type { ButtonVariant } from "@/components/ui/button.tsx";
import { GuardedButton } from "./guarded-button.tsx";

/** A real-looking action that is not built yet: visible, disabled, and saying so to everyone. */
export function ComingSoonButton({
  label,
  variant = "primary",
  icon = true,
  badge = true,
}: {
  label: string;
  variant?: ButtonVariant;
  icon?: boolean;
  /** The "Soon" tag; leave it off when the same action is already tagged on the page. */
  badge?: boolean;
}) {
  return (
    <span className="inline-flex items-center gap-2">
      <GuardedButton variant={variant} rule={{ allowed: false, reason: `${label} is coming soon.` }}>
        {icon ? <Plus aria-hidden /> : null}
        {label}
      </GuardedButton>
      {badge ? (
        <span className="rounded-full bg-info-soft px-2 py-0.5 text-[11px] font-bold tracking-wide text-info uppercase ring-1 ring-info/25 ring-inset">
          Soon
        </span>
      ) : null}
    </span>
  );
}
