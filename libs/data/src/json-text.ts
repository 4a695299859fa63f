/**
 * JSON parsing for the file parsers: a syntax error becomes a `PrefDissectError` naming the file
 * (and line), so every format reports broken JSON the same way.
 */
import { PrefDissectError } from "@prefdissect/shared";

/** One non-blank line of a JSON Lines text, parsed; `line` is 1-based. */
export interface JsonLine {
  readonly line: number;
  readonly value: unknown;
}

/**
 * Parses the non-blank lines of a JSON Lines text one at a time, so a caller that checks each
 * value reports the first bad line of the file, whatever is wrong with it.
 */
export function* parseJsonLines(text: string, file: string): Generator<JsonLine> {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === "") continue;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new PrefDissectError("malformed-line", `${file}:${line} is not valid JSON`, { file, line });
    }
    yield { line, value };
  }
}

/** Parses a text that holds one JSON document. */
export function parseJsonDocument(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new PrefDissectError("malformed-file", `${file} is not valid JSON`, { file });
  }
}
