// The colour theme: "system" (the default: follow the operating system), "light" or "dark", kept in
// localStorage. This script runs in <head> before the first paint, so a dark page never flashes
// light; the console's theme selector changes it afterwards. Being inline, it runs only with the
// request's CSP nonce, which app/layout.tsx puts on it.
export const THEME_STORAGE_KEY = "hearth-theme";
export const themes = ["system", "light", "dark"] as const;
export type Theme = (typeof themes)[number];

export function isDarkTheme(theme: Theme): boolean {
  return (
    theme === "dark" || (theme === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches)
  );
}

export const themeScript = `(() => {
  try {
    const theme = localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)}) || "system";
    const dark = theme === "dark" || (theme === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
    document.documentElement.classList.toggle("dark", dark);
  } catch {}
})();`;
