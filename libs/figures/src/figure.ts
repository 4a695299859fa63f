import type { TopLevelSpec } from "vega-lite";
import type { FigureOptions } from "./options.js";

/**
 * What a figure's rows are derived from: regression weights (`WeightSet`, the paper's figures),
 * annotated pairs (`PairRecord[]`), a feature dataset, a refit's intervals (the refit figures;
 * the similarity one also takes the refit's weights), gameability estimates per judge (computed
 * by @prefdissect/manipulation from weights and pairs), or judges collected with
 * `pd judge collect` (Figure 6, right).
 */
export type FigureInputKind = "weights" | "pair-dataset" | "feature-dataset" | "refit-intervals" | "gameability" | "judge-runs";

/**
 * One figure: how to derive its rows from its input, the column order of those rows (the `.json`
 * written next to the image keeps exactly this key order), and the spec builder. Rows are plain
 * objects so they can be written, compared and plotted as they are.
 */
export interface FigureDefinition<Input, Row extends object> {
  /** File stem of the outputs (`<name>.svg`, `.png`, `.json`) and of the notebook that draws it. */
  readonly name: string;
  /** One line saying what the figure shows. */
  readonly description: string;
  readonly input: FigureInputKind;
  /** Keys of a row in the order they are written. */
  readonly columns: readonly (keyof Row & string)[];
  /** Derives the plotted rows from the input (the paper's choice of judges and groups). */
  readonly rows: (input: Input) => Row[];
  /** Builds the Vega-Lite spec from rows. */
  readonly spec: (rows: readonly Row[], options?: FigureOptions) => TopLevelSpec;
}

/** Copies rows into the mutable array Vega-Lite's inline data expects. */
export function inlineValues<Row extends object>(rows: readonly Row[]): Row[] {
  return rows.map((row) => ({ ...row }));
}
