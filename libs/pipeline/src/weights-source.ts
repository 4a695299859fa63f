import { PrefDissectError } from "@prefdissect/shared";
import { describeSource } from "@prefdissect/figures";

/** A parsed weight-source setting (the `PD_WEIGHTS` value notebooks read). */
export interface WeightSourceSetting {
  readonly source: "released" | "refit";
  /** Folder of refit weight files; absent means the data layer's default folder. */
  readonly dir?: string;
  /** Subtitle line for the figures. */
  readonly label: string;
}

/**
 * Parses a weight-source setting: `released` (default), `refit` (the default refit folder), or
 * `refit:<dir>` for refit weights in another folder.
 * @example parseWeightSource("refit:data/derived/refit-short/weights")
 */
export function parseWeightSource(setting: string | undefined): WeightSourceSetting {
  const value = (setting ?? "").trim() || "released";
  if (value === "released") return { source: "released", label: describeSource("released") };
  if (value === "refit") return { source: "refit", label: describeSource("refit") };
  if (value.startsWith("refit:") && value.length > "refit:".length) {
    const dir = value.slice("refit:".length);
    return { source: "refit", dir, label: `${describeSource("refit")}, read from ${dir}` };
  }
  throw new PrefDissectError("bad-weights-source", `weights source "${value}" is not understood; expected "released", "refit" or "refit:<folder>"`, {
    field: "PD_WEIGHTS",
  });
}
