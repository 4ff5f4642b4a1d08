// One table row as one line of text. With a header, every value is named by its column
// ("name: Ada; role: engineer"), so a chunk cut from the middle of a table still reads on its own.

export function renderRow(header: readonly string[] | null, cells: readonly string[]): string {
  if (!header) return cells.join("\t").trimEnd();
  const named: string[] = [];
  cells.forEach((cell, column) => {
    if (cell) named.push(`${header[column] || `Column ${column + 1}`}: ${cell}`);
  });
  return named.join("; ");
}
