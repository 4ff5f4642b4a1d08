import type { Metadata } from "next";
import { SessionTranscriptPage } from "../../../../../_components/sessions/session-transcript";
import { decodeSegment } from "../../../../../../_lib/route-params";

type Params = Promise<{ id: string; sessionId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Session ${decodeSegment((await params).sessionId)}` };
}

export default async function SessionPage({ params }: { params: Params }) {
  const { id, sessionId } = await params;
  return <SessionTranscriptPage id={decodeSegment(id)} sessionId={decodeSegment(sessionId)} />;
}
