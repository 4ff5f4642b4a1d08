import type { Channel } from "../../schemas/chat";
import type { Actor } from "../access/actor";

/**
 * Where a new session comes from when its entry point does not say: a console user is the
 * playground, a load test marks its questions, anything else is the REST API.
 */
export function channelOf(
  actor: Actor,
  input: { channel?: Channel; metadata?: Record<string, string> },
): Channel {
  if (input.channel) return input.channel;
  if (input.metadata?.channel === "loadtest") return "loadtest";
  return actor.kind === "user" ? "playground" : "api";
}
