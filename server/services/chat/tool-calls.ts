// Tool calls arrive in pieces (OpenAI's streamed `delta.tool_calls`): a call's id and name first,
// then fragments of its JSON arguments, each piece naming the call by its index. This folds them
// into whole calls, for the stored answer and for a non-streamed response.
import type { ToolCall } from "../gateway/engines/engine";

export interface ToolCallFragment {
  index: number;
  id?: string;
  name?: string;
  arguments: string;
}

/** Call `fragment.index` grows by the fragment: its id and name when given, then its arguments. */
export function addToolCallFragment(calls: ToolCall[], fragment: ToolCallFragment): void {
  const call = (calls[fragment.index] ??= {
    id: "",
    type: "function",
    function: { name: "", arguments: "" },
  });
  if (fragment.id) call.id = fragment.id;
  if (fragment.name) call.function.name += fragment.name;
  call.function.arguments += fragment.arguments;
}

/** The calls made, in index order (an index the model skipped leaves no hole), or null for none. */
export function toolCallsMade(calls: readonly ToolCall[]): ToolCall[] | null {
  const made = calls.filter(Boolean);
  return made.length > 0 ? made : null;
}
