"use client";
import { useCallback, useState } from "react";

/**
 * The source passage open for one answer, shared by its Sources list and its citation markers:
 * marker [n] opens the answer's n-th citation.
 */
export function useCitedSource() {
  const [selected, setSelected] = useState<number | null>(null);
  const onCite = useCallback((source: number) => setSelected(source - 1), []);
  return { selected, onSelect: setSelected, onCite };
}
