"use client";
// The playground's conversation state: sends a message to the streaming endpoint, folds the events
// into the answer as they arrive, stops on request (aborting the fetch cancels the generation on
// the server), and carries the session id from one turn to the next.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import type { FeedbackDto } from "@/server/schemas/feedback";
import { ChatRequestError, streamChat } from "../../_lib/chat-stream";
import { useTRPC } from "../../_lib/trpc";
import { applyStreamEvent, type AnswerEntry, type ChatEntry, type ChatError } from "./chat-entries";

/** Errors that mean the page's copy of the assistant is out of date. */
const STALE_ASSISTANT_CODES = new Set(["ASSISTANT_DISABLED", "NOT_FOUND"]);

function failureOf(error: unknown): ChatError {
  if (error instanceof ChatRequestError) return { code: error.code, message: error.message };
  return { code: "STREAM_INTERRUPTED", message: "The connection closed before the answer was finished." };
}

export function useChat(assistantId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [entries, setEntries] = useState<ChatEntry[]>([]);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [streaming, setStreaming] = useState(false);
  const sessionRef = useRef<string | null>(null);
  const controllerRef = useRef<AbortController | null>(null);
  const counter = useRef(0);

  const updateAnswer = useCallback((key: string, change: (entry: AnswerEntry) => AnswerEntry) => {
    setEntries((list) =>
      list.map((entry) => (entry.key === key && entry.role === "assistant" ? change(entry) : entry)),
    );
  }, []);

  const rememberSession = useCallback((id: string | null) => {
    sessionRef.current = id;
    setSessionId(id);
  }, []);

  /** Stops the answer being streamed; its `send` notices and marks the answer stopped. */
  const stop = useCallback(() => controllerRef.current?.abort(), []);

  /** Stops and forgets the answer being streamed, before the conversation is replaced. */
  const detach = useCallback(() => {
    controllerRef.current?.abort();
    controllerRef.current = null;
    setStreaming(false);
  }, []);

  useEffect(() => () => controllerRef.current?.abort(), []);

  const send = useCallback(
    async (message: string, reasoning: boolean) => {
      detach();
      const controller = new AbortController();
      controllerRef.current = controller;
      counter.current += 1;
      const key = `local-${counter.current}`;
      const answer: AnswerEntry = {
        role: "assistant",
        key: `${key}-answer`,
        content: "",
        reasoning: "",
        status: "streaming",
        error: null,
        details: null,
        citations: [],
        tools: [],
        messageId: null,
        feedback: null,
      };
      setEntries((list) => [...list, { role: "user", key: `${key}-question`, content: message }, answer]);
      setStreaming(true);
      let finished = false;
      let failure: ChatError | null = null;
      try {
        const input = { message, session_id: sessionRef.current ?? undefined, reasoning };
        for await (const event of streamChat(assistantId, input, controller.signal)) {
          if (event.type === "response.created") rememberSession(event.session_id);
          if (event.type === "response.completed" || event.type === "error") finished = true;
          if (event.type === "error") failure = event.error;
          updateAnswer(answer.key, (entry) => applyStreamEvent(entry, event));
        }
        if (!finished)
          updateAnswer(answer.key, (entry) => ({ ...entry, status: "failed", error: failureOf(null) }));
      } catch (error) {
        if (controller.signal.aborted) updateAnswer(answer.key, (entry) => ({ ...entry, status: "stopped" }));
        else {
          const failed = failureOf(error);
          failure = failed;
          updateAnswer(answer.key, (entry) => ({ ...entry, status: "failed", error: failed }));
        }
      } finally {
        if (controllerRef.current === controller) {
          controllerRef.current = null;
          setStreaming(false);
        }
        // Disabled or deleted meanwhile: refresh the assistant, so the page says so too.
        if (failure && STALE_ASSISTANT_CODES.has(failure.code)) {
          await queryClient.invalidateQueries(trpc.assistants.pathFilter());
        }
        await queryClient.invalidateQueries(trpc.sessions.pathFilter());
      }
    },
    [detach, assistantId, queryClient, trpc, updateAnswer, rememberSession],
  );

  /** Shows an answer's new rating (or none, once withdrawn). */
  const setFeedback = useCallback(
    (key: string, feedback: FeedbackDto | null) => updateAnswer(key, (entry) => ({ ...entry, feedback })),
    [updateAnswer],
  );

  /** Starts over: the next message opens a new session. */
  const reset = useCallback(() => {
    detach();
    setEntries([]);
    rememberSession(null);
  }, [detach, rememberSession]);

  /** Shows a stored session's transcript; the next message continues it. */
  const load = useCallback(
    (id: string, loaded: ChatEntry[]) => {
      detach();
      setEntries(loaded);
      rememberSession(id);
    },
    [detach, rememberSession],
  );

  return { entries, sessionId, streaming, send, stop, reset, load, setFeedback };
}
