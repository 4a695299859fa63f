/**
 * Dataset statistics (paper Appendix E): the mean 0–3 rating of each of the 20 Likert-annotated
 * properties over every response (both responses of every pair). The paper publishes one of these
 * means in the text (well formatted 1.26); it is marked so a reproduction can be checked by eye.
 *
 * The annotation rates *repetitive*, the regression uses its flip *non-repetitive*; the figure
 * shows what was annotated, so that bar is labelled "repetitive".
 */
import type { TopLevelSpec } from "vega-lite";
import { PROPERTIES, type BasicAnnotationKey, type PairRecord } from "@prefdissect/data";
import { FIGURE_CONFIG, HALF_LINE_COLOUR } from "../theme.js";
import { figureTitle, type FigureOptions } from "../options.js";
import { inlineValues, type FigureDefinition } from "../figure.js";
import { markSynthetic } from "./dataset-source.js";

export interface MeanRatingRow {
  propertyIndex: number;
  /** Label as annotated (`repetitive` for the non-repetitive property). */
  property: string;
  annotationKey: string;
  /** Responses rated (two per pair). */
  responses: number;
  meanRating: number;
  /** The mean the paper reports, null where it reports none. */
  paperValue: number | null;
}

/** Means the paper states in its text (Appendix E, Table 9), by annotation key. */
export const PAPER_MEAN_RATINGS: Readonly<Partial<Record<BasicAnnotationKey, number>>> = { "well formatted": 1.26 };

const BASIC_PROPERTIES = PROPERTIES.filter((property) => property.kind === "basic");

/** Label of a basic property as annotated (the flipped property keeps its annotated name). */
function annotatedLabel(property: (typeof PROPERTIES)[number]): string {
  return property.annotationKey === "repetitive" ? "repetitive" : property.name;
}

/** Mean rating of every basic property over both responses of every pair, in released order. */
export function meanRatingRows(pairs: readonly PairRecord[]): MeanRatingRow[] {
  if (pairs.length === 0) throw new RangeError("cannot compute mean ratings of an empty dataset");
  return BASIC_PROPERTIES.map((property) => {
    const key = property.annotationKey as BasicAnnotationKey;
    let sum = 0;
    for (const pair of pairs) sum += pair.annotationA.basic[key] + pair.annotationB.basic[key];
    return {
      propertyIndex: property.index,
      property: annotatedLabel(property),
      annotationKey: key,
      responses: 2 * pairs.length,
      meanRating: sum / (2 * pairs.length),
      paperValue: PAPER_MEAN_RATINGS[key] ?? null,
    };
  });
}

/** Horizontal bars of the means on the 0–3 scale, values at the bar ends, the paper's mean as a tick. */
export function buildMeanRatingsSpec(rows: readonly MeanRatingRow[], options: FigureOptions = {}): TopLevelSpec {
  const labels = rows.map((row) => row.property);
  const responses = rows[0]?.responses ?? 0;
  const known = rows.filter((row) => row.paperValue !== null);
  const knownText = known.map((row) => `${row.property} ${row.paperValue!.toFixed(2)}`).join(", ");
  const y = { field: "property", type: "nominal" as const, sort: labels, axis: { title: null, labelFontSize: 12, domain: false, ticks: false, labelLimit: 260 } };
  const x = { field: "meanRating", type: "quantitative" as const, scale: { domain: [0, 3] }, axis: { title: "mean rating (0 = not at all … 3 = strongly)", grid: true, values: [0, 0.5, 1, 1.5, 2, 2.5, 3] } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: FIGURE_CONFIG,
    title: figureTitle(
      markSynthetic("How strongly do responses show each property?", options.synthetic),
      [
        `Mean 0–3 rating of the 20 annotated properties over all ${responses.toLocaleString("en-US")} responses (both responses of every pair).`,
        known.length > 0
          ? `Red tick: the mean the paper reports (${knownText}); it publishes no other means.`
          : "The paper reports none of these means.",
      ],
      options,
    ),
    width: 560,
    height: { step: 22 },
    data: { values: inlineValues(rows) },
    layer: [
      { mark: { type: "bar", color: "#6c8ebf", height: 15 }, encoding: { x, y } },
      {
        mark: { type: "text", align: "left", dx: 5, fontSize: 11, color: "#1a1a1a" },
        encoding: { x, y, text: { field: "meanRating", type: "quantitative", format: ".2f" } },
      },
      {
        transform: [{ filter: "datum.paperValue !== null" }],
        mark: { type: "tick", color: HALF_LINE_COLOUR, thickness: 3, size: 20 },
        encoding: { x: { ...x, field: "paperValue" }, y },
      },
      {
        transform: [{ filter: "datum.paperValue !== null" }, { calculate: "'paper ' + format(datum.paperValue, '.2f')", as: "paperText" }],
        mark: { type: "text", align: "left", dx: 40, fontSize: 11, color: HALF_LINE_COLOUR },
        encoding: { x: { ...x, field: "paperValue" }, y, text: { field: "paperText" } },
      },
    ],
  };
}

export const dataMeanRatings: FigureDefinition<readonly PairRecord[], MeanRatingRow> = {
  name: "data-mean-ratings",
  description: "Dataset statistics: mean 0–3 rating per annotated property over all responses, with the paper's well formatted 1.26.",
  input: "pair-dataset",
  columns: ["propertyIndex", "property", "annotationKey", "responses", "meanRating", "paperValue"],
  rows: meanRatingRows,
  spec: buildMeanRatingsSpec,
};
