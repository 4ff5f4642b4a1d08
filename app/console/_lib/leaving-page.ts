// Which clicks and history moves take the user off the page, for the unsaved-changes guard
// (use-unsaved-changes.ts). Pure, so that the rules are tested without a browser: a click on a link
// leaves the page only when the browser (or Next's <Link>) would navigate this tab to another
// same-origin page. New tabs and windows, downloads and in-page (hash) links keep the page and its
// edits; a link to another origin unloads the page, which `beforeunload` already guards.

/** What of a click decides whether it navigates this tab (a MouseEvent has all of it). */
export type LinkClick = {
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  defaultPrevented: boolean;
};

/** What of the clicked link matters: its resolved href, its target and whether it downloads. */
export type ClickedLink = { href: string; target: string; download: boolean };

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether moving from `current` to `destination` replaces the page: another origin, path or query.
 * The same address, or one that differs only in its hash, keeps the page (and the form) mounted.
 */
export function leavesPage(destination: string, current: string): boolean {
  const to = parse(destination);
  const from = parse(current);
  if (!to || !from) return false;
  return to.origin !== from.origin || to.pathname !== from.pathname || to.search !== from.search;
}

/**
 * The same-origin address a click on a link takes this tab to, or null when the click keeps the
 * page: another button, a modifier (new tab, new window, download), a target other than this
 * tab, a download link, a scheme that is not HTTP (mailto:, javascript:), another origin (the
 * page unloads: `beforeunload` asks), or a link to this page or a place in it.
 */
export function pageLeftBy(click: LinkClick, link: ClickedLink, current: string): string | null {
  if (click.defaultPrevented || click.button !== 0) return null;
  if (click.metaKey || click.ctrlKey || click.shiftKey || click.altKey) return null;
  if ((link.target !== "" && link.target !== "_self") || link.download) return null;
  const to = parse(link.href);
  const from = parse(current);
  if (!to || !from || (to.protocol !== "http:" && to.protocol !== "https:")) return null;
  if (to.origin !== from.origin || !leavesPage(to.href, from.href)) return null;
  return to.href;
}
