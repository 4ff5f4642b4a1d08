import type { Metadata } from "next";
import { feedbackFilterOrEmpty } from "../../../../_components/chat/feedback-labels";
import { dayOrEmpty } from "../../../../_components/sessions/date-range";
import { channelOrEmpty } from "../../../../_components/sessions/session-labels";
import { SessionsView } from "../../../../_components/sessions/sessions-view";
import { decodeSegment, firstParam, type SearchParams } from "../../../../../_lib/route-params";

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Sessions · ${decodeSegment((await params).id)}` };
}

export default async function SessionsPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: SearchParams;
}) {
  const { id } = await params;
  const query = await searchParams;
  return (
    <SessionsView
      id={decodeSegment(id)}
      initialTab={firstParam(query.view) === "end-users" ? "end-users" : "sessions"}
      initialUser={firstParam(query.user)}
      initialDates={{ from: dayOrEmpty(firstParam(query.from)), to: dayOrEmpty(firstParam(query.to)) }}
      initialChannel={channelOrEmpty(firstParam(query.channel))}
      initialFeedback={feedbackFilterOrEmpty(firstParam(query.feedback))}
    />
  );
}
