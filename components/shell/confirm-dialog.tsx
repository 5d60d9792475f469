"use client";

import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";
import { FormDialog } from "@/components/shell/form-dialog.tsx";

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
export function ConfirmDialog({ confirmLabel, onConfirm, ...rest }: ConfirmDialogProps) {
  return <FormDialog {...rest} submitLabel={confirmLabel} onSubmit={onConfirm} variant="destructive" />;
}
