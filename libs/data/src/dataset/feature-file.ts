/**
 * The features file `pd features` and `pd annotate` write: one `FeatureRow` per line, in dataset
 * order (`{"index", "groups", "features", "excluded"}`).
 */
import { z } from "zod";
import { jsonLinesFormat } from "@prefdissect/shared";
import { PROPERTY_COUNT } from "../catalog/properties.js";
import type { FeatureRow } from "./dataset.js";

export const FeatureRowSchema = z.object({
  index: z.number().int().nonnegative(),
  groups: z.array(z.string()),
  features: z.array(z.number().int().min(-1).max(1)).length(PROPERTY_COUNT),
  excluded: z.boolean(),
});

export const FEATURES_FILE = jsonLinesFormat({
  what: `a features file (one {"index", "groups", "features": ${PROPERTY_COUNT} values of -1/0/1, "excluded"} per line)`,
  line: FeatureRowSchema,
});

/** The text of a features file; only the four fields of each row are written, in this order. */
export function formatFeatureRows(rows: readonly FeatureRow[]): string {
  return FEATURES_FILE.stringify(rows.map(({ index, groups, features, excluded }) => ({ index, groups, features, excluded })));
}

/** Parses a features file. */
export function parseFeatureRows(text: string, file: string): FeatureRow[] {
  return FEATURES_FILE.parse(text, file);
}
