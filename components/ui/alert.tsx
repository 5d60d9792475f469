import { AlertTriangle, CheckCircle2, Info, XOctagon } from "lucide-react";
import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "@/lib/utils.ts";

export type AlertTone = "info" | "success" | "warning" | "error";

const tones: Record<AlertTone, { box: string; icon: ReactNode }> = {
  info: { box: "border-info bg-info-soft", icon: <Info className="text-info" aria-hidden /> },
  success: { box: "border-success bg-success-soft", icon: <CheckCircle2 className="text-success" aria-hidden /> },
  warning: { box: "border-warning bg-warning-soft", icon: <AlertTriangle className="text-warning" aria-hidden /> },
  error: { box: "border-destructive bg-destructive-soft", icon: <XOctagon className="text-destructive" aria-hidden /> },
};

export type AlertProps = Omit<HTMLAttributes<HTMLDivElement>, "title"> & { tone?: AlertTone; title?: ReactNode };

/** An inline flash message (Cloudscape "Alert"): coloured border, icon, optional title. */
export function Alert({ tone = "info", title, className, children, ...props }: AlertProps) {
  const t = tones[tone];
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn(
        "flex gap-2.5 rounded-lg border-2 px-3.5 py-2.5 text-sm [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:shrink-0",
        t.box,
        className,
      )}
      {...props}
    >
      {t.icon}
      <div className="min-w-0">
        {title ? <p className="font-bold">{title}</p> : null}
        {children ? <div className={cn(title ? "mt-0.5" : undefined, "text-foreground")}>{children}</div> : null}
      </div>
    </div>
  );
}
