/**
 * One error type for the whole project. Every failure a user can cause (a bad file, a missing
 * download, a malformed flag) is a `PrefDissectError` whose message is a single sentence naming
 * the place (file, line/row, field) and what was expected. The CLI prints `message` alone for
 * these; anything else is a bug and keeps its stack trace.
 */
export interface ErrorPlace {
  /** File or URL the problem was found in. */
  readonly file?: string;
  /** 1-based line (text formats) or 0-based row index (tables), as named in the message. */
  readonly line?: number;
  readonly row?: number;
  /** Column, key or flag name. */
  readonly field?: string;
}

export class PrefDissectError extends Error {
  override readonly name: string = "PrefDissectError";
  readonly code: string;
  readonly place: ErrorPlace;

  constructor(code: string, message: string, place: ErrorPlace = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.place = place;
  }
}

export function isPrefDissectError(value: unknown): value is PrefDissectError {
  return value instanceof PrefDissectError;
}

/** Formats a place as `file:line field` for use inside messages. */
export function describePlace(place: ErrorPlace): string {
  const parts: string[] = [];
  if (place.file !== undefined) {
    parts.push(place.line !== undefined ? `${place.file}:${place.line}` : place.file);
  } else if (place.line !== undefined) {
    parts.push(`line ${place.line}`);
  }
  if (place.row !== undefined) parts.push(`row ${place.row}`);
  if (place.field !== undefined) parts.push(`field "${place.field}"`);
  return parts.join(", ");
}
