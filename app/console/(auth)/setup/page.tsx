import type { Metadata } from "next";
import { needsSetup } from "@/server/auth/console-session";
import { AlreadySetUp, SetupForm } from "../../_components/auth/setup-form";

export const metadata: Metadata = { title: "Set up" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  return (await needsSetup()) ? <SetupForm /> : <AlreadySetUp />;
}
