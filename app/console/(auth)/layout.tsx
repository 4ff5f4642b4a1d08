import { Flame } from "lucide-react";
import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <div className="mb-6 flex items-center gap-2 text-lg font-semibold tracking-tight text-stone-900 dark:text-white">
        <span className="grid size-8 place-items-center rounded-md bg-brand-600 text-white">
          <Flame aria-hidden className="size-5" />
        </span>
        Hearth
      </div>
      <div className="w-full max-w-sm rounded-lg border border-stone-200 bg-white p-6 shadow-sm sm:p-8 dark:border-stone-800 dark:bg-stone-900">
        {children}
      </div>
    </main>
  );
}
