// The console's colour theme: dark on request, kept across reloads, light again on request; the
// system setting is followed by default.
import { adminTest as test, expect, screenshot } from "../support/console";

test("the theme selector switches the console to dark and back, and remembers it", async ({
  page,
}, testInfo) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/console");
  const html = page.locator("html");
  await expect(html).not.toHaveClass(/\bdark\b/);
  const theme = page.getByRole("combobox", { name: "Color theme" }).filter({ visible: true });
  await expect(theme).toHaveValue("system");

  await theme.selectOption("dark");
  await expect(html).toHaveClass(/\bdark\b/);
  await page.reload();
  await expect(html).toHaveClass(/\bdark\b/);
  await expect(theme).toHaveValue("dark");
  await screenshot(page, testInfo, "overview-dark");

  await theme.selectOption("light");
  await expect(html).not.toHaveClass(/\bdark\b/);

  // "System" follows the operating system's setting.
  await theme.selectOption("system");
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(html).toHaveClass(/\bdark\b/);
});
