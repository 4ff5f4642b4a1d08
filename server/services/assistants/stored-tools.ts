// How an assistant's tools are kept (the Assistant.tools column): each tool as its input after
// defaults, with the secret headers' values sealed (AES-256-GCM under the server secret, as backend
// API keys are), so neither a database dump nor an API response shows them. Opened only in memory,
// for the question that runs the tools.
import type { AssistantToolDto, AssistantToolInput } from "../../schemas/assistant-tools";
import { AppError } from "../../errors";
import { openSecret, sealSecret } from "../../security/secret-box";

/** Omit that keeps a union a union (each kind keeps its own fields). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A stored tool, secrets opened: what the tool adapters (services/tools) are made from. */
export type OpenedTool = OmitEach<AssistantToolInput, "secret_headers"> & {
  /** The secret headers, decrypted (only ever in memory, for the duration of a question). */
  secret_headers: Record<string, string>;
};

/** A tool as stored: the input without its secret values, and the values sealed. */
export type StoredTool = OmitEach<AssistantToolInput, "secret_headers"> & {
  sealed_headers: Record<string, string>;
};

/** The stored column's value (JSON written by this module only). */
export function storedToolsOf(column: unknown): StoredTool[] {
  return Array.isArray(column) ? (column as StoredTool[]) : [];
}

/**
 * The tools to store for an input: secret headers given are sealed; a tool that gives none keeps
 * those of the stored tool of the same name and kind (an admin editing a description does not
 * re-enter the API key), but never to another URL: secrets do not follow a tool somewhere else, as
 * a backend's key does not (so someone who may edit tools cannot send an admin's key to a host of
 * their choosing).
 */
export function sealTools(
  input: readonly AssistantToolInput[],
  previous: readonly StoredTool[],
): StoredTool[] {
  return input.map(({ secret_headers: secrets, ...tool }, index) => {
    const kept = previous.find((stored) => stored.name === tool.name && stored.type === tool.type);
    if (!secrets && kept && kept.url !== tool.url && Object.keys(kept.sealed_headers).length > 0) {
      throw new AppError(
        "INVALID_INPUT",
        `tools.${index}.secret_headers: the URL of '${tool.name}' changed, so its secret headers must be given ` +
          "again (or {} to drop them): secrets never follow a tool to another address",
      );
    }
    const sealed = secrets
      ? Object.fromEntries(Object.entries(secrets).map(([name, value]) => [name, sealSecret(value)]))
      : (kept?.sealed_headers ?? {});
    return { ...tool, sealed_headers: sealed };
  });
}

/** What the API shows of a stored tool: everything but the secret values. */
export function toToolDto({ sealed_headers: sealed, ...tool }: StoredTool): AssistantToolDto {
  return { ...tool, secret_header_names: Object.keys(sealed) };
}

/** The tool with its secrets decrypted, for the adapters (a changed server secret is a clear 503). */
export function openTool({ sealed_headers: sealed, ...tool }: StoredTool): OpenedTool {
  const secrets = Object.fromEntries(
    Object.entries(sealed).map(([name, value]) => [
      name,
      openSecret(value, `A secret header of tool '${tool.name}'`),
    ]),
  );
  return { ...tool, secret_headers: secrets };
}
