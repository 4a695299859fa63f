/**
 * The query and the two responses of every pair of a dataset, from any file the annotator or the
 * refit reads: pairs JSONL in the authors' raw layout, Hugging Face rows or our PairRecord lines
 * (the annotator's reader), the Hugging Face Parquet or our CSV (the refit's loader), or `hf`.
 * The authors' resolved comparisons hold features without the texts, so they are refused.
 */
import type { PairTexts } from "@prefdissect/annotation";
import { readPairsFile } from "@prefdissect/annotation/node";
import type { DatasetFormat } from "@prefdissect/data";
import { HF_DATA, RESOLVED_DATA, detectFormat, loadPairDataset } from "@prefdissect/data/node";
import { PrefDissectError } from "@prefdissect/shared";

/** One pair to judge; `responseA` is the dataset's first response. */
export interface ComparisonPair extends PairTexts {
  /** 0-based position in the dataset. */
  readonly index: number;
  /** The pair's id in the file (its index when the file has none). */
  readonly id: string;
}

export interface ComparisonData {
  readonly pairs: ComparisonPair[];
  readonly file: string;
  readonly format: DatasetFormat;
  /** Made by `pd synth`: anything collected from it is synthetic. */
  readonly synthetic: boolean;
}

function noTexts(file: string): PrefDissectError {
  return new PrefDissectError(
    "no-response-text",
    `${file} holds the authors' resolved comparisons, which have features but not the query and responses' text; collect from the Hugging Face Parquet (--data hf) or a pairs file with the texts`,
    { file },
  );
}

/** Checks every pair has its three texts. */
function checkTexts(pairs: readonly ComparisonPair[], file: string): void {
  for (const pair of pairs) {
    for (const [field, text] of [
      ["query", pair.query],
      ["response A", pair.responseA],
      ["response B", pair.responseB],
    ] as const) {
      if (text.trim() === "") {
        throw new PrefDissectError(
          "no-response-text",
          `${file}: pair ${pair.index} (id "${pair.id}") has an empty ${field}; judging needs the query and both responses' text`,
          {
            file,
            row: pair.index,
            field,
          },
        );
      }
    }
  }
}

/** Reads the texts of every pair of `data` (a file, or `hf`). */
export async function readComparisonPairs(data: string, format?: DatasetFormat): Promise<ComparisonData> {
  if (data === RESOLVED_DATA) throw noTexts(data);
  const detected = data === HF_DATA ? "hf-parquet" : (format ?? (await detectFormat(data)));
  let result: ComparisonData;
  if (detected === "resolved-jsonl") throw noTexts(data);
  if (detected === "pairs-jsonl") {
    const pairs = readPairsFile(data).map((pair, index) => ({
      index,
      id: pair.id,
      query: pair.query,
      responseA: pair.responseA.content,
      responseB: pair.responseB.content,
    }));
    result = { pairs, file: data, format: detected, synthetic: false };
  } else {
    const dataset = await loadPairDataset({ data, format: detected });
    const pairs = dataset.pairs.map((pair, index) => ({
      index,
      id: pair.id,
      query: pair.query,
      responseA: pair.responseA.content,
      responseB: pair.responseB.content,
    }));
    result = { pairs, file: dataset.source.file, format: detected, synthetic: dataset.source.synthetic };
  }
  checkTexts(result.pairs, result.file);
  return result;
}
