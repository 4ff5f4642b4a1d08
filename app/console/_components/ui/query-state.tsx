// The states every console list and page shows around its data: a spinner while the first load
// runs, the failure with a way to try again, the empty state, and the data. One rule for all: a
// failure replaces the view only when there is nothing loaded to show, so a failed background
// refresh (or a failed "Load more") keeps what is on screen.
import type { ReactNode } from "react";
import { errorMessage } from "../../_lib/errors";
import { Card } from "./card";
import { ErrorState } from "./error-state";
import { Spinner } from "./spinner";

/** What it reads of a TanStack query (plain or infinite). */
export interface QueryLike<T> {
  data: T | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
}

type QueryStateProps<T> = {
  query: QueryLike<T>;
  /** Announced while the first load runs, e.g. "Loading API keys…". */
  loading: string;
  /** The failure's heading; ErrorState's own by default. */
  errorTitle?: string;
  /** Whether the loaded data has nothing to show; `empty` is shown instead (give both). */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  /** Loading, failure and empty in a Card, for content that brings its own cards. */
  framed?: boolean;
  children: (data: T) => ReactNode;
};

export type QueryView = "loading" | "failed" | "empty" | "data";

/** Which of its states a query shows now (the rule above). */
export function queryView<T>(query: QueryLike<T>, isEmpty?: (data: T) => boolean): QueryView {
  if (query.isPending) return "loading";
  const { data } = query;
  const hasNothing = data === undefined || (isEmpty?.(data) ?? false);
  if (query.isError && hasNothing) return "failed";
  if (data === undefined) return "loading";
  return hasNothing ? "empty" : "data";
}

export function QueryState<T>({
  query,
  loading,
  errorTitle,
  isEmpty,
  empty,
  framed = false,
  children,
}: QueryStateProps<T>) {
  const frame = (node: ReactNode) => (framed ? <Card>{node}</Card> : node);
  switch (queryView(query, isEmpty)) {
    case "loading":
      return frame(
        <div className="flex justify-center py-16">
          <Spinner label={loading} />
        </div>,
      );
    case "failed":
      return frame(
        <ErrorState
          title={errorTitle}
          message={errorMessage(query.error)}
          onRetry={() => void query.refetch()}
        />,
      );
    case "empty":
      return frame(empty);
    case "data":
      return children(query.data!);
  }
}
