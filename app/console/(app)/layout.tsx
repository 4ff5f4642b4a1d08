import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { getConsoleUser, needsSetup } from "@/server/auth/console-session";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await getConsoleUser(await headers());
  if (!user) redirect((await needsSetup()) ? "/console/setup" : "/console/login");
  // The navigation shell (app/console/_components) wraps the pages; it receives the user's role
  // only to hide what they cannot do: the server enforces every rule regardless.
  return <div data-role={user.role}>{children}</div>;
}
