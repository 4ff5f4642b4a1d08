// How a response of the Responses API maps onto what Hearth stores. A response is an exchange's
// answer message: its id is that message's (`msg_<hex>`) as `resp_<hex>`, and its output items
// take the same hex (the message item is the answer message itself), so a response and its items
// lead back to the stored answer without another table. `store: false` is a mark in the
// metadata of the session the response starts: Hearth records the exchange all the same (an
// operator's transcript), but such a response is neither fetched nor continued.
/** The session metadata that marks a conversation started with `store: false`. */
export const NOT_STORED = { key: "openai.store", value: "false" } as const;

export const responseIdOf = (messageId: string) => `resp_${messageId.replace(/^msg_/, "")}`;

/** The answer message a response id names, or null for an id Hearth never made. */
export function messageIdOf(responseId: string): string | null {
  const match = /^resp_(\w{1,100})$/.exec(responseId);
  return match ? `msg_${match[1]}` : null;
}

/** The ids of a response's output items: the n-th of each kind (n > 0 only in unusual streams). */
export function itemIdOf(kind: "message" | "reasoning" | "function_call", messageId: string, n: number) {
  const hex = messageId.replace(/^msg_/, "");
  const suffix = n > 0 ? `_${n}` : "";
  switch (kind) {
    case "message":
      return `${messageId}${suffix}`;
    case "reasoning":
      return `rs_${hex}${suffix}`;
    case "function_call":
      return `fc_${hex}_${n}`;
  }
}

/** Whether a session's responses may be fetched and continued (not started with `store: false`). */
export function isStored(metadata: unknown): boolean {
  const marks = metadata as Record<string, unknown> | null;
  return marks?.[NOT_STORED.key] !== NOT_STORED.value;
}

/** A session's metadata as a response shows it: without Hearth's own mark. */
export function visibleMetadata(metadata: unknown): Record<string, string> {
  const entries = Object.entries((metadata ?? {}) as Record<string, unknown>);
  return Object.fromEntries(
    entries.filter(
      (entry): entry is [string, string] => entry[0] !== NOT_STORED.key && typeof entry[1] === "string",
    ),
  );
}
