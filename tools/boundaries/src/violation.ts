/** One broken boundary, named by file, line and import so that it can be fixed where it is. */
export interface Violation {
  /** Which check found it: project tags, the Nx module-boundary rule, or the browser-safe entry walk. */
  readonly rule: "project-tags" | "module-boundaries" | "browser-safe-entry";
  /** Path relative to the workspace root. */
  readonly file: string;
  readonly line?: number;
  /** The import specifier at fault, when there is one. */
  readonly import?: string;
  readonly message: string;
}

/** `file:line: import "x": message [rule]` */
export function formatViolation(violation: Violation): string {
  const place = violation.line === undefined ? violation.file : `${violation.file}:${violation.line}`;
  const what = violation.import === undefined ? "" : `import "${violation.import}": `;
  return `${place}: ${what}${violation.message} [${violation.rule}]`;
}
