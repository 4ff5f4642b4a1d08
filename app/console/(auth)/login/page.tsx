import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getConsoleUser, needsSetup } from "@/server/auth/console-session";
import { LoginForm } from "../../_components/auth/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await getConsoleUser(await headers())) redirect("/console");
  return <LoginForm needsSetup={await needsSetup()} />;
}
