// The static assets in public/: the favicon every browser asks for, and the SVG icon the pages
// link, served with an image type (not the JSON 404 of an unknown path).
import { expect, test } from "@playwright/test";

test("GET /favicon.ico and /icon.svg are the Hearth icon", async ({ request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  const bytes = await ico.body();
  // An ICO header: reserved 0, type 1 (icon), then the number of images.
  expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  expect(bytes.readUInt16LE(4)).toBeGreaterThanOrEqual(1);

  const svg = await request.get("/icon.svg");
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toMatch(/^image\/svg\+xml/);
  expect(await svg.text()).toContain("<svg");
});

test("the console's pages link the icons", async ({ request }) => {
  const html = await (await request.get("/console/login")).text();
  expect(html).toMatch(/<link rel="icon" href="\/favicon.ico(\?[^"]*)?" sizes="any"/);
  expect(html).toMatch(/<link rel="icon" href="\/icon.svg(\?[^"]*)?" type="image\/svg\+xml"/);
});
