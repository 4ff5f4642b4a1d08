import type { Metadata } from "next";
import { UsageView } from "../../_components/usage/usage-view";

export const metadata: Metadata = { title: "Usage" };

// Every role may read usage (usage:read); the view reads its range and filters from the address.
export default function UsagePage() {
  return <UsageView />;
}
