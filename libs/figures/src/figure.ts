import type { TopLevelSpec } from "vega-lite";
import type { WeightSet } from "@prefdissect/data";
import type { FigureOptions } from "./options.js";

/**
 * One figure of the paper: how to derive its rows from a weight set, the column order of those
 * rows (the `.json` written next to the image keeps exactly this key order), and the spec builder.
 * Rows are plain objects so they can be written, compared and plotted as they are.
 */
export interface FigureDefinition<Row extends object> {
  /** File stem of the outputs (`<name>.svg`, `.png`, `.json`) and of the notebook. */
  readonly name: string;
  /** One line saying what the figure shows. */
  readonly description: string;
  /** Keys of a row in the order they are written. */
  readonly columns: readonly (keyof Row & string)[];
  /** Derives the plotted rows from a weight set. */
  readonly rows: (weights: WeightSet) => Row[];
  /** Builds the Vega-Lite spec from rows. */
  readonly spec: (rows: readonly Row[], options?: FigureOptions) => TopLevelSpec;
}

/** Copies rows into the mutable array Vega-Lite's inline data expects. */
export function inlineValues<Row extends object>(rows: readonly Row[]): Row[] {
  return rows.map((row) => ({ ...row }));
}
