// Knowledge search as a tool (`rag.mode: "tool"`): the model decides when to search and for what,
// instead of Hearth searching for the question before the model sees it. The results come back
// fenced and escaped exactly as up-front passages are (chat/build-prompt.ts), numbered on from the
// searches before, so the answer's `[n]` markers and its citations agree.
import { logger } from "../../logger";
import type { AssistantDto } from "../../schemas/assistant";
import { knowledgeBlock } from "../chat/build-prompt";
import { decideRag } from "../knowledge/retrieval/decide-rag";
import type { Passage } from "../knowledge/retrieval/search-passages";
import type { ToolFunction, ToolOutcome, ToolSource } from "./tool-source";

export const KNOWLEDGE_TOOL_NAME = "search_knowledge";

const FUNCTION: ToolFunction = {
  name: KNOWLEDGE_TOOL_NAME,
  description:
    "Search the assistant's knowledge files. Returns the most relevant passages, each with a source id to cite as [n].",
  parameters: {
    type: "object",
    properties: { query: { type: "string", description: "What to look for, in a few words or a question." } },
    required: ["query"],
    additionalProperties: false,
  },
};

/** Where the exchange keeps what its searches found: the passages so far, in citation order. */
export interface FoundPassages {
  readonly passages: Passage[];
  /** The ids the passages get ([n] in the answer): new passages are appended, known ones keep theirs. */
  add(passages: readonly Passage[]): number[];
}

export function createKnowledgeToolSource(
  assistant: AssistantDto,
  found: FoundPassages,
  boundary: string,
): ToolSource {
  return {
    kind: "knowledge",
    label: KNOWLEDGE_TOOL_NAME,
    functions: () => Promise.resolve([FUNCTION]),
    async call(_name, args, signal) {
      const query = queryOf(args);
      if (!query) return refusal('the arguments must be a JSON object with a non-empty "query" string');
      const passages = await search(assistant, query);
      signal.throwIfAborted();
      if (!passages) return refusal("the knowledge files could not be searched just now");
      if (passages.length === 0) {
        return {
          ok: true,
          content: "No passage of the knowledge files matches this query.",
          summary: `"${clip(query)}": nothing relevant`,
        };
      }
      const ids = found.add(passages);
      const cited = ids.map((id) => found.passages[id - 1]!);
      const content = knowledgeBlock(cited, boundary, ids);
      const files = [...new Set(cited.map((passage) => passage.filename))];
      return {
        ok: true,
        content,
        summary: `"${clip(query)}": ${passages.length} passage${passages.length === 1 ? "" : "s"} from ${clip(files.join(", "))}`,
      };
    },
    close: () => Promise.resolve(),
  };
}

/** The passages for a query, or null when the search failed (logged; the model is told). */
async function search(assistant: AssistantDto, query: string): Promise<Passage[] | null> {
  try {
    return (await decideRag(assistant, query)).passages;
  } catch (error) {
    logger.error({ err: error, assistant: assistant.id }, "knowledge search (as a tool) failed");
    return null;
  }
}

function queryOf(args: string): string | null {
  try {
    const parsed: unknown = JSON.parse(args);
    const query = (parsed as { query?: unknown } | null)?.query;
    return typeof query === "string" && query.trim() ? query.trim().slice(0, 2_000) : null;
  } catch {
    return null;
  }
}

function refusal(reason: string): ToolOutcome {
  return { ok: false, content: `Error: ${reason}.`, summary: reason };
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
