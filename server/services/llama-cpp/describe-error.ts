/** The message of anything node-llama-cpp throws, for an operator's diagnostic. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
