"use client";

import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";

export type FormDialogProps = {
  open?: boolean;
  title: ReactNode;
  description: ReactNode;
  onClose: () => void;
  onSubmit: () => void;
  pending: boolean;
  icon: LucideIcon;
  submitLabel: string;
  pendingLabel: string;
  /** The action button's look: "destructive" for an action that removes or disables (ConfirmDialog). */
  variant?: "primary" | "destructive";
  /** The form's fields; Enter in a field submits. */
  children: ReactNode;
};

/** A dialog holding one small form: Cancel and the action (both disabled while it runs); Enter in a field submits. */
export function FormDialog({
  open = true,
  title,
  description,
  onClose,
  onSubmit,
  pending,
  icon: Icon,
  submitLabel,
  pendingLabel,
  variant = "primary",
  children,
}: FormDialogProps) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      busy={pending}
      title={title}
      description={description}
      footer={
        <>
          <Button variant="link" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button variant={variant} onClick={onSubmit} disabled={pending}>
            <Icon aria-hidden />
            {pending ? pendingLabel : submitLabel}
          </Button>
        </>
      }
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
      >
        {children}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
