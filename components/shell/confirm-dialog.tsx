"use client";

import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";

export type ConfirmDialogProps = {
  open?: boolean;
  onClose: () => void;
  title: ReactNode;
  description: ReactNode;
  /** The destructive action: its button's icon and label, and the label while it runs. */
  icon: LucideIcon;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  onConfirm: () => void;
  /** What the action affects, and any confirmation fields; Enter in a field confirms. */
  children: ReactNode;
};

/** A dialog that confirms a destructive action: Cancel, and the red action button (both disabled while it runs). */
export function ConfirmDialog({
  open = true,
  onClose,
  title,
  description,
  icon: Icon,
  confirmLabel,
  pendingLabel,
  pending,
  onConfirm,
  children,
}: ConfirmDialogProps) {
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
          <Button variant="destructive" onClick={onConfirm} disabled={pending}>
            <Icon aria-hidden />
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </>
      }
    >
      <form
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm();
        }}
      >
        {children}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
