"use client";
import { Download } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useDebouncedValue } from "../../_lib/use-debounced-value";
import { buttonClasses } from "../ui/button";
import { Card } from "../ui/card";
import { PageHeader } from "../ui/page-header";
import { AuditFiltersBar } from "./audit-filters";
import {
  emptyAuditFilters,
  exportHref,
  isFiltered,
  pageSearch,
  toAuditQuery,
  type AuditFilterValues,
} from "./audit-query";
import { AuditTable } from "./audit-table";

const exportClass = buttonClasses({ variant: "secondary", size: "sm" });

/** The audit log: who changed what, when and from where; filtered, paged, exportable. */
export function AuditView({ initialFilters }: { initialFilters: AuditFilterValues }) {
  const [values, setValues] = useState<AuditFilterValues>(initialFilters);
  // The text filters query once typing pauses; the others at once.
  const action = useDebouncedValue(values.action, 300);
  const who = useDebouncedValue(values.who, 300);
  const applied: AuditFilterValues = { ...values, action, who };
  const query = toAuditQuery(applied);

  // The filters live in the address bar, so a reload or a shared link shows the same view.
  useEffect(() => {
    const search = pageSearch(values);
    window.history.replaceState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  }, [values]);

  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          <>
            Every change made in the console or through the API, and every sign-in, with who made it and from
            where; secrets are never shown. Events are kept for the retention set in{" "}
            <Link
              href="/console/settings"
              className="font-medium text-brand-700 underline dark:text-brand-500"
            >
              Settings
            </Link>
            .
          </>
        }
        actions={
          query.ok && (
            <>
              <a href={exportHref(query.filters, "csv")} download className={exportClass}>
                <Download aria-hidden className="size-4" />
                Export CSV
              </a>
              <a href={exportHref(query.filters, "json")} download className={exportClass}>
                <Download aria-hidden className="size-4" />
                Export JSON
              </a>
            </>
          )
        }
      />
      <Card>
        <AuditFiltersBar values={values} onChange={setValues} problem={query.ok ? null : query} />
        <AuditTable
          query={query}
          filtered={isFiltered(applied)}
          onClearFilters={() => setValues(emptyAuditFilters)}
        />
      </Card>
    </>
  );
}
