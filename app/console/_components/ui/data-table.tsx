// The pieces every console list shares: the table head and the "Showing X of Y / Load more"
// footer of a paged list (a TanStack infinite query). Styles come from table-styles.ts.
import type { ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";
import { Spinner } from "./spinner";
import { footerClass, thClass, theadClass } from "./table-styles";

export interface Column {
  label: ReactNode;
  /** Extra classes for the header cell (alignment, responsive hiding). */
  className?: string;
  /** A column without a visible heading (e.g. actions): the label is for screen readers. */
  srOnly?: boolean;
}

export function TableHead({ columns }: { columns: Column[] }) {
  return (
    <thead className={theadClass}>
      <tr>
        {columns.map((column, index) => (
          <th key={index} scope="col" className={cn(thClass, column.className)}>
            {column.srOnly ? <span className="sr-only">{column.label}</span> : column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

interface PagedList {
  hasNextPage: boolean;
  isFetching: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

export function ListFooter({
  shown,
  total,
  noun,
  list,
}: {
  shown: number;
  total: number;
  noun: string;
  list: PagedList;
}) {
  return (
    <div className={footerClass}>
      <p aria-live="polite">
        Showing {shown} of {total} {noun}
        {total === 1 ? "" : "s"}
        {list.isFetching && !list.isFetchingNextPage && <Spinner className="ml-2 inline" />}
      </p>
      {list.hasNextPage && (
        <Button
          variant="secondary"
          size="sm"
          pending={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          Load more
        </Button>
      )}
    </div>
  );
}
