import type { Metadata } from "next";
import { KnowledgeView } from "../../../../_components/knowledge/knowledge-view";
import { decodeSegment } from "../../../../../_lib/route-params";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Knowledge · ${decodeSegment((await params).id)}` };
}

export default async function KnowledgePage({ params }: { params: Params }) {
  const { id } = await params;
  return <KnowledgeView id={decodeSegment(id)} />;
}
