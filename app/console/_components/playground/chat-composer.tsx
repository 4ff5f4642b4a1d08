"use client";
import { Send, Square } from "lucide-react";
import { useRef, useState, type KeyboardEvent } from "react";
import { Button } from "../ui/button";
import { Checkbox, Textarea } from "../ui/input";

type ChatComposerProps = {
  streaming: boolean;
  showReasoning: boolean;
  onShowReasoningChange: (show: boolean) => void;
  /** Why nothing can be sent now (invalid run settings), or null. */
  blocked?: string | null;
  onSend: (message: string) => void;
  onStop: () => void;
};

/**
 * The message box: Enter sends, Shift+Enter starts a new line; while an answer streams, Stop (or
 * Escape) replaces Send, and the user may already type the next message.
 */
export function ChatComposer({
  streaming,
  showReasoning,
  onShowReasoningChange,
  blocked = null,
  onSend,
  onStop,
}: ChatComposerProps) {
  const [message, setMessage] = useState("");
  const textarea = useRef<HTMLTextAreaElement>(null);
  const canSend = !streaming && !blocked && message.trim() !== "";

  function send() {
    if (!canSend) return;
    onSend(message);
    setMessage("");
    textarea.current?.focus();
  }

  function stop() {
    onStop();
    textarea.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Escape" && streaming) {
      event.preventDefault();
      stop();
      return;
    }
    // While an input method composes a character, Enter confirms it rather than sending.
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    send();
  }

  return (
    <form
      className="space-y-2 border-t border-stone-200 p-3 sm:p-4 dark:border-stone-800"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label htmlFor="playground-message" className="sr-only">
        Message
      </label>
      <Textarea
        ref={textarea}
        id="playground-message"
        rows={3}
        value={message}
        onChange={(event) => setMessage(event.target.value)}
        onKeyDown={onKeyDown}
        placeholder="Ask something…"
        aria-describedby="playground-message-hint"
        className="resize-y"
      />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
          <label className="flex items-center gap-2 text-sm text-stone-700 dark:text-stone-300">
            <Checkbox
              checked={showReasoning}
              onChange={(event) => onShowReasoningChange(event.target.checked)}
            />
            Show reasoning
          </label>
          <p id="playground-message-hint" className="text-xs text-stone-500 dark:text-stone-400">
            Enter to send, Shift+Enter for a new line, Escape to stop
          </p>
          {blocked && (
            <p role="status" className="text-xs font-medium text-red-700 dark:text-red-400">
              {blocked}
            </p>
          )}
        </div>
        {streaming ? (
          <Button variant="secondary" className="ml-auto" onClick={stop}>
            <Square aria-hidden className="size-3.5 fill-current" />
            Stop
          </Button>
        ) : (
          <Button type="submit" className="ml-auto" disabled={!canSend}>
            <Send aria-hidden className="size-4" />
            Send
          </Button>
        )}
      </div>
    </form>
  );
}
