/** How `formatTable` lays out its columns. */
export interface TableArgs {
  /** Alignment per column: "right" for numbers people compare by eye. Default: every column "left". */
  align?: ("left" | "right")[];
  /** Whether a line of dashes, one run per column, follows the first row (the header). Default false. */
  rule?: boolean;
  /** Text put before every line, such as an indent. Default "". */
  indent?: string;
}

/** Code points a monospace terminal or notebook shows two columns wide: East Asian wide and full-width characters. */
const WIDE: [number, number][] = [
  [0x1100, 0x115f], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf],
  [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x20000, 0x3fffd],
];

/** Columns `text` takes in a monospace font: 2 for each CJK or full-width character (汉字, ，。：), 1 for any other. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    width += WIDE.some(([from, to]) => code >= from && code <= to) ? 2 : 1;
  }
  return width;
}

/**
 * Rows of cells as aligned lines of text, without a final newline: each column as wide as its widest
 * cell (by display width, so Chinese lines up), columns two spaces apart, no spaces at the ends of
 * lines. The one table layout of beanlab's printTable and of the scripts' summaries.
 */
export function formatTable(rows: string[][], args: TableArgs = {}): string {
  const { align = [], rule = false, indent = "" } = args;
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, i) => Math.max(0, ...rows.map((row) => displayWidth(row[i] ?? ""))));
  const pad = (text: string, width: number, right: boolean) => {
    const room = " ".repeat(width - displayWidth(text));
    return right ? room + text : text + room;
  };
  const line = (row: string[]) => indent + widths.map((width, i) => pad(row[i] ?? "", width, align[i] === "right")).join("  ").trimEnd();
  const lines = rows.map(line);
  if (rule && rows.length > 0) lines.splice(1, 0, line(widths.map((width) => "-".repeat(width))));
  return lines.join("\n");
}
