import { CircleUser, KeyRound, LockKeyhole, ScrollText, Server, Users, type LucideIcon } from "lucide-react";

export type NavItem = { href: string; label: string; icon: LucideIcon };

/** The console's sections, in sidebar order. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/key-stores", label: "Key stores", icon: LockKeyhole },
  { href: "/keys", label: "Keys", icon: KeyRound },
  { href: "/clusters", label: "Clusters", icon: Server },
  { href: "/audit", label: "Audit", icon: ScrollText },
  { href: "/users", label: "Users", icon: Users },
  { href: "/account", label: "My account", icon: CircleUser },
];

export function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
