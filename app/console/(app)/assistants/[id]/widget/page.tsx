import type { Metadata } from "next";
import { WidgetView } from "../../../../_components/widget/widget-view";
import { decodeSegment } from "../../../../../_lib/route-params";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Widget · ${decodeSegment((await params).id)}` };
}

export default async function WidgetPage({ params }: { params: Params }) {
  const { id } = await params;
  return <WidgetView id={decodeSegment(id)} />;
}
