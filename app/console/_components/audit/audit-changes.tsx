// An audit event's change summary, readable: `{ before, after }` as a table of the fields that
// changed, side by side; anything else recorded as indented JSON. Secrets arrive already redacted.
import { tbodyClass } from "../ui/table-styles";

const REDACTED = "[redacted]";

type Fields = Record<string, unknown>;

const isFields = (value: unknown): value is Fields =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function Value({ value }: { value: unknown }) {
  if (value === undefined) return <span className="text-stone-500 dark:text-stone-400">—</span>;
  if (value === REDACTED) return <span className="text-stone-500 italic dark:text-stone-400">redacted</span>;
  if (typeof value === "string") return <span className="break-words whitespace-pre-wrap">{value}</span>;
  return (
    <pre className="font-mono text-xs break-words whitespace-pre-wrap">{JSON.stringify(value, null, 2)}</pre>
  );
}

export function AuditChanges({ changes }: { changes: Fields }) {
  const { before, after, ...others } = changes;
  const sides = [
    ...(isFields(before) ? [{ label: "Before", fields: before }] : []),
    ...(isFields(after) ? [{ label: "After", fields: after }] : []),
  ];
  const names = [...new Set(sides.flatMap((side) => Object.keys(side.fields)))];
  // A `before` or `after` that is not an object of fields is shown as it is, with the rest.
  const rest: Fields = {
    ...(before !== undefined && !isFields(before) ? { before } : {}),
    ...(after !== undefined && !isFields(after) ? { after } : {}),
    ...others,
  };
  if (names.length === 0 && Object.keys(rest).length === 0) {
    return <p className="text-xs text-stone-500 dark:text-stone-400">No change details were recorded.</p>;
  }
  return (
    <div className="space-y-3">
      {names.length > 0 && (
        <div className="overflow-x-auto rounded-md border border-stone-200 bg-white dark:border-stone-700 dark:bg-stone-900">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">Changed fields</caption>
            <thead className="border-b border-stone-200 text-stone-500 dark:border-stone-700 dark:text-stone-400">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Field
                </th>
                {sides.map((side) => (
                  <th key={side.label} scope="col" className="px-3 py-2 font-medium">
                    {side.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className={tbodyClass}>
              {names.map((name) => (
                <tr key={name} className="align-top">
                  <th
                    scope="row"
                    className="px-3 py-2 font-mono font-normal text-stone-600 dark:text-stone-300"
                  >
                    {name}
                  </th>
                  {sides.map((side) => (
                    <td key={side.label} className="px-3 py-2 text-stone-900 dark:text-stone-100">
                      <Value value={side.fields[name]} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {Object.keys(rest).length > 0 && (
        <pre
          aria-label="Details"
          className="overflow-x-auto rounded-md border border-stone-200 bg-white p-3 font-mono text-xs text-stone-900 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100"
        >
          {JSON.stringify(rest, null, 2)}
        </pre>
      )}
    </div>
  );
}
