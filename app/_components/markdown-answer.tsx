"use client";
// An answer rendered as Markdown, safely: raw HTML in the text is shown as text (react-markdown
// escapes it; there is no rehype-raw), images become links that are never fetched (a remote image
// would tell its server who reads the answer), links open in a new tab without referrer or opener,
// and unsafe URL schemes are stripped by react-markdown's default URL filter.
import { useMemo, type ReactNode } from "react";
import Markdown, { type Components } from "react-markdown";
import { citedSource, linkCitations } from "./citation-markers";

// An unsafe scheme (javascript:...) arrives here as an empty href: plain text then.
function SafeLink({ href, children }: { href?: string; children?: ReactNode }) {
  return href ? (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="underline">
      {children}
    </a>
  ) : (
    <span>{children}</span>
  );
}

const components: Components = {
  img: ({ src, alt }) =>
    typeof src === "string" && src ? (
      <a href={src} target="_blank" rel="noopener noreferrer nofollow" className="underline">
        [image: {alt || src}]
      </a>
    ) : (
      <span>[image: {alt || "no address"}]</span>
    ),
  a: ({ href, children }) => <SafeLink href={href}>{children}</SafeLink>,
  pre: ({ children }) => (
    <pre
      tabIndex={0}
      className="my-2 overflow-x-auto rounded-md bg-stone-900 p-3 text-xs leading-relaxed text-stone-100"
    >
      {children}
    </pre>
  ),
  code: ({ className, children }) => (
    <code className={className ?? "rounded bg-stone-100 px-1 font-mono text-[0.9em]"}>{children}</code>
  ),
  ul: ({ children }) => <ul className="my-1 list-disc pl-5">{children}</ul>,
  ol: ({ children }) => <ol className="my-1 list-decimal pl-5">{children}</ol>,
  p: ({ children }) => <p className="my-1.5 first:mt-0 last:mb-0">{children}</p>,
};

/**
 * With `onCite`, the model's citation markers of the answer's `sources` ([1], [2]...) become
 * buttons that call it with the source's number.
 */
export function MarkdownAnswer({
  text,
  sources = 0,
  onCite,
}: {
  text: string;
  sources?: number;
  onCite?: (source: number) => void;
}) {
  const cited = useMemo<Components>(
    () =>
      onCite
        ? {
            ...components,
            a: ({ href, children }) => {
              const source = citedSource(href);
              if (source === null) return <SafeLink href={href}>{children}</SafeLink>;
              return (
                <sup>
                  <button
                    type="button"
                    onClick={() => onCite(source)}
                    aria-label={`Source ${source}`}
                    className="mx-0.5 rounded px-0.5 leading-none font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600 dark:text-brand-500"
                  >
                    [{source}]
                  </button>
                </sup>
              );
            },
          }
        : components,
    [onCite],
  );
  return <Markdown components={cited}>{onCite ? linkCitations(text, sources) : text}</Markdown>;
}
