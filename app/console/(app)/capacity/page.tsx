import type { Metadata } from "next";
import { CapacityView } from "../../_components/capacity/capacity-view";
import { firstParam, type SearchParams } from "../../../_lib/route-params";

export const metadata: Metadata = { title: "Capacity" };

export default async function CapacityPage({ searchParams }: { searchParams: SearchParams }) {
  return <CapacityView initialUsers={firstParam((await searchParams).users)} />;
}
