import type { Metadata } from "next";
import { LoadTestDetail } from "../../../_components/loadtests/loadtest-detail";
import { decodeSegment, firstParam, type SearchParams } from "../../../../_lib/route-params";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Load test ${decodeSegment((await params).id)}` };
}

export default async function LoadTestPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const compare = firstParam((await searchParams).compare);
  return <LoadTestDetail id={decodeSegment(id)} compareId={compare || null} />;
}
