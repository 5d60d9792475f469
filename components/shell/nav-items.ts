import { CircleUser, KeyRound, KeySquare, LockKeyhole, ScrollText, Server, Users, type LucideIcon } from "lucide-react";

/** `onlyWith`: shown only when the server says this part exists (the layout passes what it found). */
export type NavItem = { href: string; label: string; icon: LucideIcon; onlyWith?: "localXksProxy" };

/** The console's sections, in sidebar order. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/key-stores", label: "Key stores", icon: LockKeyhole },
  { href: "/keys", label: "Keys", icon: KeyRound },
  { href: "/external-keys", label: "External keys", icon: KeySquare, onlyWith: "localXksProxy" },
  { href: "/clusters", label: "Clusters", icon: Server },
  { href: "/audit", label: "Audit", icon: ScrollText },
  { href: "/users", label: "Users", icon: Users },
  { href: "/account", label: "My account", icon: CircleUser },
];

/** The sections to show, given which optional parts this server has. */
export function navItems(available: { localXksProxy?: boolean } = {}): NavItem[] {
  return NAV_ITEMS.filter((i) => !i.onlyWith || available[i.onlyWith]);
}

export function isActive(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
