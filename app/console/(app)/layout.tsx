import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getConsoleUser, needsSetup } from "@/server/auth/console-session";
import { ConsoleShell } from "../_components/shell/console-shell";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await getConsoleUser(await headers());
  if (!user) redirect((await needsSetup()) ? "/console/setup" : "/console/login");
  // The shell receives the user's role only to hide what they cannot do: the server enforces
  // every rule regardless.
  return (
    <ConsoleShell user={{ userId: user.userId, email: user.email, role: user.role }}>{children}</ConsoleShell>
  );
}
