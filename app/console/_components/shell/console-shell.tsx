"use client";
import { Flame } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { ConsoleUserProvider, type ConsoleUser } from "../../_lib/console-user";
import { ServingBanner } from "../health/serving-banner";
import { Badge } from "../ui/badge";
import { LeavePageDialog } from "../ui/leave-page-dialog";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";
import { ThemeSelect } from "./theme-select";

function Brand() {
  return (
    <Link
      href="/console"
      className="flex items-center gap-2 rounded-md text-base font-semibold tracking-tight text-stone-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 dark:text-white"
    >
      <span className="grid size-7 place-items-center rounded-md bg-brand-600 text-white">
        <Flame aria-hidden className="size-4" />
      </span>
      Hearth
    </Link>
  );
}

function UserSummary({ user }: { user: ConsoleUser }) {
  return (
    <div className="flex min-w-0 items-center gap-2">
      <span className="truncate text-sm text-stone-700 dark:text-stone-300" title={user.email}>
        {user.email}
      </span>
      <Badge tone={user.role === "admin" ? "brand" : "neutral"}>{user.role}</Badge>
    </div>
  );
}

/**
 * The frame of every signed-in page: a sidebar on wide screens, a top bar with a scrolling link
 * row on tablets and phones, and the signed-in user with a way to sign out.
 */
export function ConsoleShell({ user, children }: { user: ConsoleUser; children: ReactNode }) {
  return (
    <ConsoleUserProvider user={user}>
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-stone-900 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:outline-2 focus:outline-brand-600"
      >
        Skip to content
      </a>

      <aside className="fixed inset-y-0 left-0 hidden w-60 flex-col border-r border-stone-200 bg-white lg:flex dark:border-stone-800 dark:bg-stone-950">
        <div className="px-5 pt-5 pb-4">
          <Brand />
        </div>
        <nav aria-label="Main" className="flex-1 overflow-y-auto px-3">
          <NavLinks user={user} orientation="vertical" />
        </nav>
        <div className="space-y-2 border-t border-stone-200 p-4 dark:border-stone-800">
          <UserSummary user={user} />
          <div className="flex items-center justify-between gap-2">
            <SignOutButton />
            <ThemeSelect />
          </div>
        </div>
      </aside>

      <header className="sticky top-0 z-30 border-b border-stone-200 bg-white/95 backdrop-blur lg:hidden dark:border-stone-800 dark:bg-stone-950/95">
        <div className="flex items-center justify-between gap-4 px-4 pt-3 sm:px-6">
          <Brand />
          <div className="flex min-w-0 items-center gap-2">
            <div className="hidden min-w-0 sm:block">
              <UserSummary user={user} />
            </div>
            <ThemeSelect />
            <SignOutButton />
          </div>
        </div>
        <nav aria-label="Main" className="overflow-x-auto px-2 py-2 sm:px-4">
          <NavLinks user={user} orientation="horizontal" />
        </nav>
      </header>

      <main id="main" tabIndex={-1} className="focus:outline-none lg:pl-60">
        <ServingBanner />
        <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6 lg:px-8 lg:py-8">{children}</div>
      </main>
      <LeavePageDialog />
    </ConsoleUserProvider>
  );
}
