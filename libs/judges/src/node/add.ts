/**
 * `addJudge`: the work behind `pd judge add`.
 *
 *   labels file ──► checked against the dataset (length, values, first bad index)
 *               ──► fitJudge: the 16 groups (the paper's NUTS k-fold, or the posterior mode)
 *               ──► <out>/weights/model_<group>_fitted_paras.jsonl   (the released layout)
 *               ──► placeJudge against the 33 ──► placement.json, placement.md,
 *                   placement-dissection.{svg,png,json}, placement-similarity.{svg,png,json}
 */
import { join } from "node:path";
import {
  GPT4_TURBO,
  HUMAN,
  checkNewJudgeId,
  parseLabelsForDataset,
  weightsTable,
  withAddedJudges,
  type FeatureDataset,
  type PreferenceLabel,
  type WeightSet,
} from "@prefdissect/data";
import { readTextFile, writeFileAtomic, writeWeightsDirectory } from "@prefdissect/data/node";
import {
  FIG01_GROUP,
  communicationDissection,
  communicationDissectionRows,
  describeDataset,
  meanPairSimilarities,
  similarityCellRows,
  similarityHeatmap,
  withPreference,
} from "@prefdissect/figures";
import { writeFigureFiles } from "@prefdissect/figures/node";
import { fitJudge, type JudgeFit, type JudgeFitProgress, type JudgeFitRunner, type JudgeFitSettings } from "@prefdissect/refit";
import { placementMarkdown } from "../placement/markdown.js";
import { judgeOrderWith, placeJudge, type JudgePlacement } from "../placement/placement.js";
import { writePlacement } from "./files.js";

export interface AddJudgeOptions {
  readonly dataset: FeatureDataset;
  /** The labels file: a JSON array of "A"/"B", one per pair of `dataset`, in its order. */
  readonly labelsFile: string;
  /** The new judge's id. */
  readonly name: string;
  /** Parameters in billions, if known. */
  readonly sizeB?: number;
  readonly settings?: Partial<JudgeFitSettings>;
  /** Where fit jobs run (default: this thread). */
  readonly runner?: JudgeFitRunner;
  /** The judges to place it among, and how to name them (e.g. "the released weights"). */
  readonly compareWith: { readonly weights: WeightSet; readonly description: string; readonly sourceLabel: string };
  readonly outDir: string;
  readonly onProgress?: (progress: JudgeFitProgress) => void;
}

export interface AddJudgeResult {
  readonly fit: JudgeFit;
  readonly placement: JudgePlacement;
  readonly markdown: string;
  readonly files: { readonly weights: string[]; readonly placementJson: string; readonly placementMd: string; readonly charts: string[] };
}

/** File names of the charts beside placement.json. */
export const PLACEMENT_CHARTS = { dissection: "placement-dissection", similarity: "placement-similarity" } as const;

async function readLabels(file: string, dataset: FeatureDataset): Promise<PreferenceLabel[]> {
  return parseLabelsForDataset(await readTextFile(file, "expected the labels.json of pd judge collect"), file, {
    file: dataset.source.file,
    pairs: dataset.rows.length,
  });
}

export async function addJudge(options: AddJudgeOptions): Promise<AddJudgeResult> {
  const { dataset, compareWith } = options;
  const taken = [...new Set([...compareWith.weights.values()].flatMap((judges) => [...judges.keys()]))];
  const name = checkNewJudgeId(options.name, taken, "--name");
  const labels = await readLabels(options.labelsFile, dataset);
  const fit = await fitJudge(dataset, name, labels, {
    ...(options.settings !== undefined ? { settings: options.settings } : {}),
    ...(options.runner !== undefined ? { runner: options.runner } : {}),
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
  });

  const weights = await writeWeightsDirectory(join(options.outDir, "weights"), fit.weights);

  // Placing first: it refuses a fit that cannot be compared (before anything is drawn).
  const placement = placeJudge({
    fit,
    weights: compareWith.weights,
    comparedWith: compareWith.description,
    sizeB: options.sizeB ?? null,
    data: { file: dataset.source.file, rows: dataset.rows.length, synthetic: dataset.source.synthetic },
    labels: { file: options.labelsFile, labels },
    charts: { dissection: `${PLACEMENT_CHARTS.dissection}.svg`, similarity: `${PLACEMENT_CHARTS.similarity}.svg` },
  });
  const merged = withAddedJudges(compareWith.weights, fit.weights);
  const figureOptions = { sourceLabel: `${compareWith.sourceLabel}; ${name} fitted on ${describeDataset(dataset.source).replace(/^Source: /, "")}` };
  const charts: string[] = [];
  const dissectionRows = communicationDissectionRows(withPreference(weightsTable(merged, { groups: [FIG01_GROUP], judges: [HUMAN, GPT4_TURBO, name] })));
  const dissection = await writeFigureFiles({ ...communicationDissection, name: PLACEMENT_CHARTS.dissection }, dissectionRows, options.outDir, figureOptions);
  const similarityRows = similarityCellRows(meanPairSimilarities(merged, judgeOrderWith(name, options.sizeB)));
  const similarity = await writeFigureFiles({ ...similarityHeatmap, name: PLACEMENT_CHARTS.similarity }, similarityRows, options.outDir, figureOptions);
  for (const written of [dissection, similarity]) charts.push(written.svgPath, written.pngPath, written.jsonPath);

  const markdown = placementMarkdown(placement);
  const placementJson = join(options.outDir, "placement.json");
  const placementMd = join(options.outDir, "placement.md");
  await writePlacement(placementJson, placement);
  await writeFileAtomic(placementMd, markdown);
  return { fit, placement, markdown, files: { weights, placementJson, placementMd, charts } };
}
