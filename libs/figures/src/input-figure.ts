import type { TopLevelSpec } from "vega-lite";
import type { DataFigureOptions } from "./data/options.js";

/** What an input-fed figure is drawn from. */
export type FigureInputKind = "pair-dataset" | "feature-dataset" | "refit-intervals";

/**
 * A figure drawn from something other than a weight set: an annotated dataset (the dataset
 * statistics) or a refit's posterior intervals (uncertainty the released weights cannot show).
 * Same shape as `FigureDefinition`, except for what `rows` reads.
 */
export interface InputFigureDefinition<Input, Row extends object> {
  /** File stem of the outputs (`<name>.svg`, `.png`, `.json`) and the notebook that draws it. */
  readonly name: string;
  /** One line saying what the figure shows. */
  readonly description: string;
  readonly input: FigureInputKind;
  /** Keys of a row in the order they are written. */
  readonly columns: readonly (keyof Row & string)[];
  /** Derives the plotted rows from the input. */
  readonly rows: (input: Input) => Row[];
  /** Builds the Vega-Lite spec from rows. */
  readonly spec: (rows: readonly Row[], options?: DataFigureOptions) => TopLevelSpec;
}
