/** How `formatTable` lays out its columns. */
export interface TableArgs {
  /** Alignment per column: "right" for numbers people compare by eye. Default: every column "left". */
  align?: ("left" | "right")[];
  /** Whether a line of dashes, one run per column, follows the first row (the header). Default false. */
  rule?: boolean;
  /** Text put before every line, such as an indent. Default "". */
  indent?: string;
}

/**
 * Rows of cells as aligned lines of text, without a final newline: each column as wide as its widest
 * cell, columns two spaces apart, no spaces at the ends of lines. The one table layout of beanlab's
 * printTable and of the scripts' summaries.
 */
export function formatTable(rows: string[][], args: TableArgs = {}): string {
  const { align = [], rule = false, indent = "" } = args;
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(0, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) =>
    indent + widths.map((width, i) => (align[i] === "right" ? (row[i] ?? "").padStart(width) : (row[i] ?? "").padEnd(width))).join("  ").trimEnd();
  const lines = rows.map(line);
  if (rule && rows.length > 0) lines.splice(1, 0, line(widths.map((width) => "-".repeat(width))));
  return lines.join("\n");
}
