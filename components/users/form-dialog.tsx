"use client";

import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button.tsx";
import { Dialog } from "@/components/ui/dialog.tsx";

export type FormDialogProps = {
  title: ReactNode;
  description: ReactNode;
  onClose: () => void;
  onSubmit: () => void;
  pending: boolean;
  icon: LucideIcon;
  submitLabel: string;
  pendingLabel: string;
  children: ReactNode;
};

/** A dialog holding one small form: Cancel and the primary action; Enter in a field submits. */
export function FormDialog({
  title,
  description,
  onClose,
  onSubmit,
  pending,
  icon: Icon,
  submitLabel,
  pendingLabel,
  children,
}: FormDialogProps) {
  return (
    <Dialog
      open
      onClose={onClose}
      busy={pending}
      title={title}
      description={description}
      footer={
        <>
          <Button variant="link" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button variant="primary" onClick={onSubmit} disabled={pending}>
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
