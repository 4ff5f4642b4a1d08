"use client";
// The playground's conversation state: sends a message to the streaming endpoint (with the run
// settings, and `replace_from` when a question is asked again), folds the events into the answer as
// they arrive, stops on request (aborting the fetch cancels the generation on the server), and
// carries the session id from one turn to the next.
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import type { RunOverrides } from "@/server/schemas/chat";
import type { FeedbackDto } from "@/server/schemas/feedback";
import { ChatRequestError, streamChat, type StreamChatInput } from "../../_lib/chat-stream";
import { useTRPC } from "../../_lib/trpc";
import { useBackendName } from "../chat/use-backend-name";
import {
  applyStreamEvent,
  entriesBefore,
  entriesFromMessages,
  type AnswerEntry,
  type ChatEntry,
  type ChatError,
  type UserEntry,
} from "./chat-entries";

/** Errors that mean the page's copy of the assistant is out of date. */
const STALE_ASSISTANT_CODES = new Set(["ASSISTANT_DISABLED", "NOT_FOUND"]);

function failureOf(error: unknown): ChatError {
  if (error instanceof ChatRequestError) return { code: error.code, message: error.message };
  return { code: "STREAM_INTERRUPTED", message: "The connection closed before the answer was finished." };
}

export interface SendOptions {
  reasoning: boolean;
  /** The run settings: this answer's generation settings over the assistant's. */
  overrides?: RunOverrides;
  /** A question asked again (regenerate, or edited): it and what follows are replaced. */
  replace?: UserEntry;
}

export function useChat(assistantId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const backendName = useBackendName();
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

  /** The server's own transcript, after a question asked again was refused before it was taken. */
  const reloadSession = useCallback(
    async (id: string, refusal: ChatError) => {
      toast.error(`Could not ask again: ${refusal.message}`);
      try {
        const detail = await queryClient.fetchQuery({
          ...trpc.sessions.get.queryOptions({ assistantId, sessionId: id }),
          staleTime: 0,
        });
        if (sessionRef.current === id) setEntries(entriesFromMessages(detail.messages, backendName));
      } catch {
        // The failed answer already shows the refusal; the stale view is all there is.
      }
    },
    [assistantId, backendName, queryClient, trpc],
  );

  const send = useCallback(
    async (message: string, options: SendOptions) => {
      const { replace } = options;
      const replaceFrom = replace?.messageId ?? undefined;
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
      const question: UserEntry = { role: "user", key: `${key}-question`, content: message, messageId: null };
      setEntries((list) => [...(replace ? entriesBefore(list, replace.key) : list), question, answer]);
      setStreaming(true);
      let started = false;
      let finished = false;
      let failure: ChatError | null = null;
      try {
        const input: StreamChatInput = {
          message,
          session_id: sessionRef.current ?? undefined,
          reasoning: options.reasoning,
          ...(options.overrides && Object.keys(options.overrides).length > 0
            ? { overrides: options.overrides }
            : {}),
          ...(replaceFrom ? { replace_from: replaceFrom } : {}),
        };
        for await (const event of streamChat(assistantId, input, controller.signal)) {
          started = true;
          if (event.type === "response.created") {
            rememberSession(event.session_id);
            // Read loosely: older servers do not send it (the question then cannot be asked again).
            const questionId = (event as { question_id?: string }).question_id ?? null;
            setEntries((list) =>
              list.map((entry) =>
                entry.key === question.key && entry.role === "user"
                  ? { ...entry, messageId: questionId }
                  : entry,
              ),
            );
          }
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
          // Refused before the stream opened: whether the old question was replaced is the server's
          // to say (a refusal removes nothing; an admission refusal records the new one as failed).
          if (replaceFrom && !started && sessionRef.current) await reloadSession(sessionRef.current, failed);
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
    [detach, assistantId, queryClient, trpc, updateAnswer, rememberSession, reloadSession],
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
