import type { FigureOptions } from "../options.js";

/** Options of the figures drawn from a dataset or a refit rather than from a weight set. */
export interface DataFigureOptions extends FigureOptions {
  /** The data is synthetic: the headline is prefixed with a SYNTHETIC marker. */
  readonly synthetic?: boolean;
}
