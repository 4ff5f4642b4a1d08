import { describe, expect, test } from "vitest";
import { leavesPage, pageLeftBy, type ClickedLink, type LinkClick } from "./leaving-page";

const here = "https://hearth.example/console/assistants/helper";

const plainClick: LinkClick = {
  button: 0,
  metaKey: false,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  defaultPrevented: false,
};

const link = (href: string, overrides: Partial<ClickedLink> = {}): ClickedLink => ({
  href,
  target: "",
  download: false,
  ...overrides,
});

describe("pageLeftBy", () => {
  test("a plain click on a link to another page of the site leaves the page", () => {
    const to = "https://hearth.example/console/backends";
    expect(pageLeftBy(plainClick, link(to), here)).toBe(to);
    expect(pageLeftBy(plainClick, link(to, { target: "_self" }), here)).toBe(to);
  });

  test("another path, or the same path with another query, counts as another page", () => {
    expect(pageLeftBy(plainClick, link(`${here}/widget`), here)).toBe(`${here}/widget`);
    expect(pageLeftBy(plainClick, link(`${here}?tab=files`), here)).toBe(`${here}?tab=files`);
    expect(pageLeftBy(plainClick, link(here), `${here}?tab=files`)).toBe(here);
  });

  test("a link to this page, or to a place in it, keeps the page", () => {
    expect(pageLeftBy(plainClick, link(here), here)).toBeNull();
    expect(pageLeftBy(plainClick, link(`${here}#main`), here)).toBeNull();
    expect(pageLeftBy(plainClick, link(here), `${here}#main`)).toBeNull();
  });

  test.each([
    ["Ctrl (new tab)", { ctrlKey: true }],
    ["Cmd (new tab)", { metaKey: true }],
    ["Shift (new window)", { shiftKey: true }],
    ["Alt (download)", { altKey: true }],
    ["the middle button", { button: 1 }],
    ["the right button", { button: 2 }],
    ["an already handled click", { defaultPrevented: true }],
  ])("a click with %s keeps the page", (_, overrides) => {
    const click = { ...plainClick, ...overrides };
    expect(pageLeftBy(click, link("https://hearth.example/console/backends"), here)).toBeNull();
  });

  test("links that open elsewhere or download keep the page", () => {
    const to = "https://hearth.example/console/backends";
    expect(pageLeftBy(plainClick, link(to, { target: "_blank" }), here)).toBeNull();
    expect(pageLeftBy(plainClick, link(to, { target: "docs" }), here)).toBeNull();
    expect(pageLeftBy(plainClick, link(`${to}/export.csv`, { download: true }), here)).toBeNull();
  });

  test("other origins and schemes are left to beforeunload or the browser", () => {
    expect(pageLeftBy(plainClick, link("https://docs.example/hearth"), here)).toBeNull();
    expect(pageLeftBy(plainClick, link("http://hearth.example/console/backends"), here)).toBeNull();
    expect(pageLeftBy(plainClick, link("https://hearth.example:8443/console"), here)).toBeNull();
    expect(pageLeftBy(plainClick, link("mailto:ops@hearth.example"), here)).toBeNull();
    expect(pageLeftBy(plainClick, link("javascript:void(0)"), here)).toBeNull();
  });

  test("an href that is not a URL keeps the page", () => {
    expect(pageLeftBy(plainClick, link(""), here)).toBeNull();
    expect(pageLeftBy(plainClick, link("/console/backends"), here)).toBeNull();
  });
});

describe("leavesPage", () => {
  test("Back or Forward to another page leaves it; to a place in this page does not", () => {
    expect(leavesPage("https://hearth.example/console/assistants", here)).toBe(true);
    expect(leavesPage(`${here}?page=2`, here)).toBe(true);
    expect(leavesPage(`${here}#main`, here)).toBe(false);
    expect(leavesPage(here, here)).toBe(false);
  });

  test("an unreadable address is not taken as leaving", () => {
    expect(leavesPage("", here)).toBe(false);
    expect(leavesPage(here, "not a url")).toBe(false);
  });
});
