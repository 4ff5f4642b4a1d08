import type { ReactNode } from "react";
import { Providers } from "./_lib/providers";

export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return <Providers>{children}</Providers>;
}
