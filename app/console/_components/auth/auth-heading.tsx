import type { ReactNode } from "react";

export function AuthHeading({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-6">
      <h1 className="text-xl font-semibold tracking-tight text-stone-900 dark:text-white">{title}</h1>
      {children && <p className="mt-1 text-sm text-stone-500 dark:text-stone-400">{children}</p>}
    </div>
  );
}
