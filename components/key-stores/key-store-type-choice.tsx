"use client";

import { Cloud, HardDrive } from "lucide-react";
import { useRouter } from "next/navigation";
import type { KeyStoreType } from "@/lib/schemas/key-stores.ts";

const CHOICES = [
  {
    type: "AWS_CLOUDHSM",
    href: "/key-stores/new",
    Icon: HardDrive,
    title: "AWS CloudHSM key store",
    text: "Key material in a CloudHSM cluster you own and manage: at least two active HSMs in different Availability Zones, and a kmsuser crypto user for KMS.",
  },
  {
    type: "EXTERNAL_KEY_STORE",
    href: "/key-stores/new?type=external",
    Icon: Cloud,
    title: "External key store",
    text: "Keys in an external key manager outside AWS, reached through an XKS proxy over HTTPS. Every encryption is done twice: by KMS, then by the external key.",
  },
] as const;

/** The first step of both key store wizards: each type is its own wizard (its own URL). */
export function KeyStoreTypeChoice({ value }: { value: KeyStoreType }) {
  const router = useRouter();
  return (
    <div role="radiogroup" aria-label="Key store type" className="grid gap-3 md:grid-cols-2">
      {CHOICES.map(({ type, href, Icon, title, text }) => (
        <label
          key={type}
          className={`flex cursor-pointer gap-3 rounded-lg border-2 p-4 ${type === value ? "border-link bg-selected" : "border-border"}`}
        >
          <input
            type="radio"
            name="type"
            checked={type === value}
            onChange={() => router.replace(href)}
            className="mt-1 size-4 accent-[var(--color-link)]"
          />
          <span>
            <span className="flex items-center gap-2 font-bold">
              <Icon className="size-4" aria-hidden /> {title}
            </span>
            <span className="mt-1 block text-sm text-muted-foreground">{text}</span>
          </span>
        </label>
      ))}
    </div>
  );
}
