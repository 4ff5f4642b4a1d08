import type { Metadata } from "next";
import { LoadTestsView } from "../../_components/loadtests/loadtests-view";

export const metadata: Metadata = { title: "Load tests" };

export default function LoadTestsPage() {
  return <LoadTestsView />;
}
