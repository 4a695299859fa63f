/**
 * Minimal RFC 4180 CSV: comma separator, double-quote quoting (quotes doubled inside), CRLF or
 * LF line ends, newlines allowed inside quoted cells. Records remember the line they start on so
 * errors can name it.
 */
import { PrefDissectError } from "@prefdissect/shared";

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  readonly line: number;
  readonly cells: string[];
}

/**
 * Splits CSV text into records (the header included). A blank final line is ignored. `firstLine`
 * is the line number of the text's first line, when it is a piece of a longer file.
 */
export function parseCsv(text: string, file: string, firstLine = 1): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = firstLine;
  let recordLine = firstLine;
  let atCellStart = true;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === "")) records.push({ line: recordLine, cells });
    cells = [];
    cell = "";
    atCellStart = true;
  };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
      atCellStart = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      cell += ch;
      atCellStart = false;
    }
  }
  if (quoted) throw new PrefDissectError("malformed-file", `${file}:${recordLine}: a quoted cell is never closed`, { file, line: recordLine });
  if (cell !== "" || cells.length > 0) endRecord();
  return records;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Formats rows as CSV with LF line ends. */
export function formatCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(quote).join(",")).join("\n") + "\n";
}
