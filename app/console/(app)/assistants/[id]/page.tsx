import type { Metadata } from "next";
import { AssistantEditor } from "../../../_components/assistants/assistant-editor";

type Params = Promise<{ id: string }>;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: decode((await params).id) };
}

export default async function AssistantPage({ params }: { params: Params }) {
  const { id } = await params;
  return <AssistantEditor id={decode(id)} />;
}
