import type { Metadata } from "next";
import { Playground } from "../../../../_components/playground/playground";
import { decodeSegment, firstParam, type SearchParams } from "../../../../../_lib/route-params";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Playground · ${decodeSegment((await params).id)}` };
}

export default async function PlaygroundPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const session = firstParam((await searchParams).session);
  return <Playground id={decodeSegment(id)} initialSessionId={session || null} />;
}
