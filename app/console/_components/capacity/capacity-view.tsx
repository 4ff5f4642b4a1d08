"use client";
// /console/capacity: per enabled assistant, the concurrent users its backends carry within its
// SLA (observability.capacity), as configured and with its degradation ladder; for a target number
// of users, the backends needed; and the latest load test's measurement beside the prediction.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Scale, Search } from "lucide-react";
import Link from "next/link";
import { useEffect, useId, useState, type FormEvent } from "react";
import { useTRPC } from "../../_lib/trpc";
import { useDebouncedValue } from "../../_lib/use-debounced-value";
import { NewAssistantLink } from "../assistants/new-assistant-link";
import { FieldError } from "../ui/field";
import { Input } from "../ui/input";
import { PageHeader } from "../ui/page-header";
import { QueryState } from "../ui/query-state";
import { Spinner } from "../ui/spinner";
import { EmptyState } from "../ui/empty-state";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { footerClass } from "../ui/table-styles";
import { AssistantCapacityCard } from "./assistant-capacity-card";
import { cardsShownText, matchingAssistants, parseTargetUsers } from "./capacity-format";
import type { CapacityDto } from "@/server/schemas/capacity";

/** Cards drawn at first and added per "Show more": a deployment may have hundreds of assistants. */
const CARDS_PER_PAGE = 10;

const linkClass = "font-medium text-brand-700 underline underline-offset-2 dark:text-brand-500";

/**
 * The target as applied: what was typed once typing pauses, or at once on Enter. Kept in the
 * address bar, so that a reload or a shared link plans for the same number.
 */
function useTargetUsers(initialText: string) {
  const [text, setText] = useState(initialText);
  const [entered, setEntered] = useState(initialText);
  const debounced = useDebouncedValue(text, 400);
  const applied = entered === text ? text : debounced;
  useEffect(() => {
    const trimmed = applied.trim();
    const search = trimmed ? `?users=${encodeURIComponent(trimmed)}` : "";
    window.history.replaceState(null, "", `${window.location.pathname}${search}`);
  }, [applied]);
  return { text, setText, apply: () => setEntered(text), target: parseTargetUsers(applied) };
}

function TargetUsersForm({
  text,
  onTextChange,
  onApply,
  error,
  updating,
}: {
  text: string;
  onTextChange: (text: string) => void;
  onApply: () => void;
  error: string | null;
  updating: boolean;
}) {
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply();
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-1">
      <div className="flex items-center gap-2">
        <label
          htmlFor={id}
          className="text-sm font-medium whitespace-nowrap text-stone-700 dark:text-stone-300"
        >
          Target users
        </label>
        <div className="w-32">
          <Input
            id={id}
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            placeholder="e.g. 100"
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : `${id}-hint`}
            onChange={(event) => onTextChange(event.target.value)}
          />
        </div>
        {updating && <Spinner label="Updating…" />}
      </div>
      {error ? (
        <FieldError id={`${id}-error`}>{error}</FieldError>
      ) : (
        <p id={`${id}-hint`} className="text-xs text-stone-500 dark:text-stone-400">
          Fills in the backends needed.
        </p>
      )}
    </form>
  );
}

export function CapacityView({ initialUsers }: { initialUsers: string }) {
  const trpc = useTRPC();
  const { text, setText, apply, target } = useTargetUsers(initialUsers);
  const users = target.ok ? target.users : undefined;
  const query = useQuery({
    ...trpc.observability.capacity.queryOptions(users === undefined ? {} : { users }),
    // A new target keeps the figures on screen until its answer arrives.
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title="Capacity"
        description={
          <>
            How many concurrent users each assistant&apos;s backends carry within its SLA, each user with one
            question in flight (a closed loop), and each assistant counted as if it had the backends to
            itself. Predicted by the completion model this replica learned from recent answers; the{" "}
            <Link href="/console/loadtests" className={linkClass}>
              load tests
            </Link>{" "}
            measure it.
          </>
        }
        actions={
          <TargetUsersForm
            text={text}
            onTextChange={setText}
            onApply={apply}
            error={target.ok ? null : target.message}
            updating={query.isPlaceholderData && query.isFetching}
          />
        }
      />
      <QueryState
        query={query}
        loading="Loading capacity…"
        framed
        isEmpty={(capacity) => capacity.assistants.length === 0}
        empty={
          <EmptyState
            icon={Scale}
            title="No enabled assistants"
            description="Capacity is planned for each enabled assistant on the backends serving its model."
            action={<NewAssistantLink />}
          />
        }
      >
        {(capacity) => <AssistantCards capacity={capacity} />}
      </QueryState>
    </>
  );
}

/** The cards, found by name or id, ten at a time. */
function AssistantCards({ capacity }: { capacity: CapacityDto }) {
  const [search, setSearch] = useState("");
  const [limit, setLimit] = useState(CARDS_PER_PAGE);
  const matching = matchingAssistants(capacity.assistants, search);
  const shown = matching.slice(0, limit);
  const total = capacity.assistants.length;
  return (
    <div className="space-y-6">
      <Card>
        <div className="relative p-4">
          <label htmlFor="capacity-search" className="sr-only">
            Find an assistant
          </label>
          <Search
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-7 size-4 -translate-y-1/2 text-stone-400"
          />
          <Input
            id="capacity-search"
            type="search"
            placeholder="Find an assistant by name or id"
            value={search}
            onChange={(event) => {
              setSearch(event.target.value);
              setLimit(CARDS_PER_PAGE);
            }}
            className="pl-9"
          />
        </div>
        <div className={footerClass}>
          <p aria-live="polite">
            {cardsShownText(shown.length, matching.length, total, search.trim() !== "")}
          </p>
        </div>
      </Card>
      {shown.map((assistant) => (
        <AssistantCapacityCard key={assistant.assistant_id} assistant={assistant} users={capacity.users} />
      ))}
      {matching.length > shown.length && (
        <div className="flex justify-center">
          <Button variant="secondary" size="sm" onClick={() => setLimit(limit + CARDS_PER_PAGE)}>
            Show more ({matching.length - shown.length} left)
          </Button>
        </div>
      )}
    </div>
  );
}
