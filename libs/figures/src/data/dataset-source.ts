/**
 * The subtitle line of a figure drawn from a dataset (rather than from regression weights). It
 * names the file without its folder, so the same data gives the same figure on every machine,
 * and it shouts SYNTHETIC when the data came from `pd synth`, so a stand-in can never pass for
 * the paper's annotations.
 */
import type { DatasetSource } from "@prefdissect/data";

/** The dataset's name on Hugging Face, printed for `--data hf`. */
const HF_NAME = "GAIR/preference-dissection";

/** The last path segment of a file name (POSIX or Windows separators). */
function baseName(file: string): string {
  return file.split(/[\\/]/).filter((part) => part !== "").at(-1) ?? file;
}

/**
 * The source line for a dataset.
 * @param source what the loader reported about the file.
 * @param hf true when the data was read from the Hugging Face download (`--data hf`).
 * @example describeDataset({ synthetic: true, file: "x/synthetic.parquet", rows: 5240, … })
 *   // "Source: SYNTHETIC data from pd synth (synthetic.parquet, 5,240 pairs), not the paper's annotations"
 */
export function describeDataset(source: Pick<DatasetSource, "file" | "format" | "rows" | "synthetic">, hf = false): string {
  const pairs = `${source.rows.toLocaleString("en-US")} pairs`;
  if (source.synthetic) return `Source: SYNTHETIC data from pd synth (${baseName(source.file)}, ${pairs}), not the paper's annotations`;
  if (hf) return `Source: the annotated dataset ${HF_NAME} (Hugging Face, ${pairs})`;
  return `Source: annotated pairs from ${baseName(source.file)} (${source.format}, ${pairs})`;
}

/** Headline prefix for figures drawn from synthetic data: visible before anything else is read. */
export const SYNTHETIC_PREFIX = "SYNTHETIC DATA · ";

/** Prefixes a headline with the synthetic marker when the data is synthetic. */
export function markSynthetic(text: string, synthetic: boolean | undefined): string {
  return synthetic ? `${SYNTHETIC_PREFIX}${text}` : text;
}
