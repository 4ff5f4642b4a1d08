"use client";
import {
  Activity,
  BellRing,
  BookOpen,
  Bot,
  ChartColumn,
  Gauge,
  KeyRound,
  LayoutDashboard,
  MessagesSquare,
  ScrollText,
  Scale,
  Server,
  Settings,
  Users,
  type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ConsoleUser } from "../../_lib/console-user";
import { cn } from "../ui/cn";

type NavItem = { href: string; label: string; icon: LucideIcon; adminOnly?: boolean; exact?: boolean };

const items: NavItem[] = [
  { href: "/console", label: "Overview", icon: LayoutDashboard, exact: true },
  { href: "/console/dashboard", label: "Dashboard", icon: Activity },
  { href: "/console/assistants", label: "Assistants", icon: Bot },
  { href: "/console/conversations", label: "Conversations", icon: MessagesSquare },
  { href: "/console/usage", label: "Usage", icon: ChartColumn },
  { href: "/console/backends", label: "Backends", icon: Server },
  { href: "/console/loadtests", label: "Load tests", icon: Gauge },
  { href: "/console/capacity", label: "Capacity", icon: Scale },
  { href: "/console/alerts", label: "Alerts", icon: BellRing },
  { href: "/console/api-keys", label: "API keys", icon: KeyRound, adminOnly: true },
  { href: "/console/users", label: "Users", icon: Users, adminOnly: true },
  { href: "/console/audit", label: "Audit log", icon: ScrollText, adminOnly: true },
  { href: "/console/api-reference", label: "API reference", icon: BookOpen },
  { href: "/console/settings", label: "Settings", icon: Settings },
];

function isActive(pathname: string, item: NavItem): boolean {
  return item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);
}

/** The console's main links; `orientation` switches between the sidebar and the top bar. */
export function NavLinks({
  user,
  orientation,
}: {
  user: ConsoleUser;
  orientation: "vertical" | "horizontal";
}) {
  const pathname = usePathname();
  const visible = items.filter((item) => !item.adminOnly || user.role === "admin");
  return (
    <ul className={cn(orientation === "vertical" ? "space-y-0.5" : "flex gap-1")}>
      {visible.map((item) => {
        const active = isActive(pathname, item);
        const Icon = item.icon;
        return (
          <li key={item.href} className="shrink-0">
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm font-medium transition-colors",
                "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600",
                active
                  ? "bg-brand-50 text-brand-700 dark:bg-stone-800 dark:text-white"
                  : "text-stone-600 hover:bg-stone-100 hover:text-stone-900 dark:text-stone-400 dark:hover:bg-stone-800 dark:hover:text-stone-100",
              )}
            >
              <Icon aria-hidden className="size-4 shrink-0" />
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
