"use client";

import { useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { Tabs } from "@/components/ui/tabs.tsx";

/** The store types of the key stores page, one URL each (`?type=`). A new type is one more entry in KEY_STORE_TYPES. */
export const KEY_STORE_TYPES = [
  { key: "cloudhsm", label: "AWS CloudHSM key stores", href: "/key-stores" },
  { key: "external", label: "External key stores", href: "/key-stores?type=external" },
] as const;

export type KeyStoreType = (typeof KEY_STORE_TYPES)[number]["key"];

export function KeyStoreTypeTabs({ value, children }: { value: KeyStoreType; children: ReactNode }) {
  const router = useRouter();
  return (
    <Tabs<KeyStoreType>
      label="Key store type"
      value={value}
      onChange={(key) => router.push(KEY_STORE_TYPES.find((t) => t.key === key)!.href)}
      items={KEY_STORE_TYPES.map(({ key, label }) => ({ key, label }))}
    >
      {children}
    </Tabs>
  );
}
