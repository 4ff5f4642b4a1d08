"use client";
// Up to five starter questions, one input each: the playground (and a chat window) offers them as
// one-click questions while a conversation is empty.
import { Plus, X } from "lucide-react";
import { Button } from "../ui/button";
import { FieldError } from "../ui/field";
import { Input } from "../ui/input";

export const MAX_SUGGESTED_QUESTIONS = 5;

type Props = {
  id: string;
  value: readonly string[];
  onChange: (questions: string[]) => void;
  /** Messages by position, from validation. */
  errors?: readonly (string | undefined)[];
  disabled?: boolean;
};

export function SuggestedQuestionsEditor({ id, value, onChange, errors = [], disabled }: Props) {
  const set = (index: number, text: string) => onChange(value.map((q, at) => (at === index ? text : q)));
  return (
    <div className="space-y-2">
      {value.length === 0 && (
        <p className="text-sm text-stone-500 dark:text-stone-400">No suggested questions.</p>
      )}
      <ol className="space-y-2">
        {value.map((question, index) => {
          const error = errors[index];
          return (
            <li key={index}>
              <div className="flex items-center gap-2">
                <Input
                  id={`${id}-${index}`}
                  aria-label={`Suggested question ${index + 1}`}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-${index}-error` : undefined}
                  maxLength={200}
                  value={question}
                  disabled={disabled}
                  onChange={(event) => set(index, event.target.value)}
                />
                <Button
                  variant="ghost"
                  size="sm"
                  disabled={disabled}
                  onClick={() => onChange(value.filter((_, at) => at !== index))}
                >
                  <X aria-hidden className="size-3.5" />
                  <span className="sr-only">Remove suggested question {index + 1}</span>
                </Button>
              </div>
              {error && <FieldError id={`${id}-${index}-error`}>{error}</FieldError>}
            </li>
          );
        })}
      </ol>
      <Button
        variant="secondary"
        size="sm"
        disabled={disabled || value.length >= MAX_SUGGESTED_QUESTIONS}
        onClick={() => onChange([...value, ""])}
      >
        <Plus aria-hidden className="size-3.5" />
        Add a question
      </Button>
    </div>
  );
}
