import { DEFAULT_SOURCE_LABEL } from "./source.js";

/** Options every spec builder accepts. */
export interface FigureOptions {
  /**
   * Where the plotted numbers come from; printed as the last subtitle line. Build it with
   * `describeSource()`; defaults to the released weights.
   */
  readonly sourceLabel?: string;
}

/** A title with subtitle lines, assignable to Vega-Lite's `title`. */
export interface FigureTitle {
  text: string;
  subtitle: string[];
}

/**
 * A title block: the headline says what is shown, the subtitle lines explain how to read it and
 * end with the data source.
 */
export function figureTitle(text: string, explanation: readonly string[], options: FigureOptions): FigureTitle {
  return { text, subtitle: [...explanation, options.sourceLabel ?? DEFAULT_SOURCE_LABEL] };
}
