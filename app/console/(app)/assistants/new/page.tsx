import type { Metadata } from "next";
import { NewAssistant } from "../../../_components/assistants/new-assistant";

export const metadata: Metadata = { title: "New assistant" };

export default function NewAssistantPage() {
  return <NewAssistant />;
}
