import type { Metadata } from "next";
import { headers } from "next/headers";
import { clientAddressOf } from "@/server/http/client-address";
import { openWidget } from "@/server/services/widget/open-widget";
import { decodeSegment } from "../../_lib/route-params";
import { WidgetChat } from "../_components/widget-chat";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Chat", robots: { index: false, follow: false } };

type Params = Promise<{ assistant_id: string }>;

/** The widget's iframe. The embedding site is read from the Referer the browser sends for it. */
export default async function EmbedPage({ params }: { params: Params }) {
  const { assistant_id } = await params;
  const requestHeaders = await headers();
  const page = await openWidget(
    decodeSegment(assistant_id),
    requestHeaders.get("referer"),
    clientAddressOf(requestHeaders),
  );
  if (page.status === "refused") {
    return (
      <main lang={page.language} className="flex min-h-screen items-center justify-center p-6 text-center">
        <p role="alert" className="text-sm text-stone-600 dark:text-stone-300">
          {page.reason}
        </p>
      </main>
    );
  }
  return <WidgetChat appearance={page.appearance} pageToken={page.token} />;
}
