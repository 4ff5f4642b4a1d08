"use client";
import { useEffect, useId, useSyncExternalStore } from "react";
import { isDarkTheme, THEME_STORAGE_KEY, themes, type Theme } from "../../../_components/theme-script";

const labels: Record<Theme, string> = { system: "System theme", light: "Light", dark: "Dark" };

function storedTheme(): Theme {
  const value = localStorage.getItem(THEME_STORAGE_KEY);
  return themes.includes(value as Theme) ? (value as Theme) : "system";
}

// The stored theme is an external store: every selector on the page (and other tabs, through the
// storage event) sees a change at once.
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

/** Chooses the console's colour theme; "System" follows the operating system, also as it changes. */
export function ThemeSelect() {
  const id = useId();
  const theme = useSyncExternalStore<Theme>(subscribe, storedTheme, () => "system");

  useEffect(() => {
    const apply = () => document.documentElement.classList.toggle("dark", isDarkTheme(theme));
    apply();
    if (theme !== "system") return;
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    media.addEventListener("change", apply);
    return () => media.removeEventListener("change", apply);
  }, [theme]);

  function choose(next: Theme) {
    localStorage.setItem(THEME_STORAGE_KEY, next);
    for (const listener of listeners) listener();
  }

  return (
    <>
      <label htmlFor={id} className="sr-only">
        Color theme
      </label>
      <select
        id={id}
        value={theme}
        onChange={(event) => choose(event.target.value as Theme)}
        className="w-28 min-w-0 rounded-md border border-stone-300 bg-white px-2 py-1 text-xs text-stone-700 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-200"
      >
        {themes.map((value) => (
          <option key={value} value={value}>
            {labels[value]}
          </option>
        ))}
      </select>
    </>
  );
}
