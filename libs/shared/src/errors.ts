/**
 * One error type for the whole project. Every failure a user can cause (a bad file, a missing
 * download, a malformed flag) is a `PrefDissectError` whose message is a single sentence naming
 * the place (file, line/row, field) and what was expected. The CLI prints `message` alone for
 * these; anything else is a bug and keeps its stack trace.
 */
/**
 * Every error code, with what it means. Codes are stable identifiers a caller can branch on
 * (`error.code === "missing-file"`); the message is for people. To add one, add a key here with
 * a one-line meaning: the constructor only accepts these keys, so a misspelt code fails typecheck.
 */
export const ERROR_CODES = {
  // Command line and settings
  "bad-flag": "a command-line flag or option has a value the command does not accept",
  "bad-folds": "a fold count that the rows cannot be split into",
  "bad-permutation": "a row permutation that is not each row index exactly once",
  "bad-problem": "a regression problem (X, y) with a wrong shape or value",
  "cancelled": "a fit that the caller cancelled",
  "bad-source": "an unknown weights source",
  "bad-weights-source": "a weights setting (PD_WEIGHTS, --weights) that names no usable weights",
  "no-api-key": "an annotation run without an API key",
  "bad-base-url": "a server URL that is malformed or carries credentials",
  // Files: reading and format
  "missing-file": "a file that does not exist or cannot be read",
  "pairs-unreadable": "a pairs file that cannot be read",
  "unknown-format": "a dataset file whose format cannot be told from its name",
  "wrong-format": "a file in another format than the one the reader handles",
  "malformed-file": "a file that is not valid in its format: broken JSON or a field outside its schema",
  "malformed-line": "a line of a JSON Lines or text file that is not valid",
  "bad-header": "a CSV header that lacks or repeats a column",
  "bad-value": "a field with a value outside its allowed range or vocabulary",
  "bad-index": "a row index that is out of range or repeated",
  "bad-pair": "a pair record that fails validation",
  "bad-weights": "a weights file that fails validation",
  "duplicate-id": "a pair id that appears twice",
  "duplicate-judge": "a judge that appears twice in one weights file",
  "length-mismatch": "a labels list whose length differs from the dataset's",
  "schema-mismatch": "a Parquet file whose columns differ from the documented layout",
  "no-pairs": "a pairs file without a single pair",
  // Catalog lookups
  "unknown-group": "a group id that is not one of the 16 groups",
  "unknown-judge": "a judge id that the data or the catalog does not have",
  "bad-judge-id": "a new judge's id that is not usable as one",
  "unknown-notebook": "a notebook name that does not exist",
  "unknown-artifact": "an upstream artifact id that the manifest does not list",
  // Published data
  "group-index": "group membership that differs from the group index file",
  "group-sizes": "the paper's dataset split into groups of other sizes than published",
  "checksum-mismatch": "a downloaded file whose sha256 differs from the manifest's",
  "mirror-missing": "a file absent from the local mirror (PD_MIRROR)",
  "auth-missing": "a gated download without a token",
  "auth-refused": "a gated download the server refused",
  "network": "a download that failed before the server answered",
  "http": "a download the server answered with an error status",
  "download-incomplete": "a download whose connection broke off before the whole file arrived",
  // Stage outputs that a later stage needs
  "missing-weights": "weights for a judge or group that were not fitted or released",
  "missing-data": "no dataset where a figure needs one",
  // Annotation
  "annotation-server": "an annotation server error that persisted through the retries",
  "annotation-incomplete": "an annotation run that left pairs unannotated",
  "batch-failed": "a Batch API run that stopped",
  "cache-locked": "an annotation cache that another run holds open",
  "mock-server": "the loopback server could not start",
  // Adding a judge
  "no-response-text": "a dataset without the query and both responses' text, which judging needs",
  "judge-server": "a judge's server that failed or returned no log-probabilities, so the collection stopped",
  "judge-incomplete": "a judge collection that left pairs without an answer in both orders",
  "flat-fit": "a fitted judge whose weights are all equal in a scenario, so it cannot be compared",
  // Figures and report
  "jupyter-missing": "Jupyter (nbconvert) is not installed",
  "kernel-missing": "the TypeScript notebook kernel is not registered",
  "notebook-failed": "a notebook that failed when executed",
  "claims-failed": "one or more of the paper's claims were not reproduced",
} as const satisfies Record<string, string>;

/** One of the `ERROR_CODES` keys. */
export type ErrorCode = keyof typeof ERROR_CODES;

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
  readonly code: ErrorCode;
  readonly place: ErrorPlace;

  constructor(code: ErrorCode, message: string, place: ErrorPlace = {}, options?: { cause?: unknown }) {
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
