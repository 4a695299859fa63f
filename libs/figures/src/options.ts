import { DEFAULT_SOURCE_LABEL } from "./source.js";

/** Options every spec builder accepts. */
export interface FigureOptions {
  /**
   * Where the plotted numbers come from; printed as the last subtitle line. Build it with
   * `describeSource()` or `describeDataset()`; defaults to the released weights.
   */
  readonly sourceLabel?: string;
  /**
   * The data is synthetic: figures drawn from a dataset or a refit's intervals prefix their
   * headline with a SYNTHETIC marker (weight figures say it in the source line instead).
   */
  readonly synthetic?: boolean;
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
