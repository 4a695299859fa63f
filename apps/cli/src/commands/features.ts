import type { Command } from "commander";
import { PrefDissectError } from "@prefdissect/shared";
import { GROUP_IDS, type CompactDataset, type DatasetFormat } from "@prefdissect/data";
import { loadCompactDataset, writeFeatureRowsFile, type JudgeLabelsFile, type LoadDatasetOptions } from "@prefdissect/data/node";
import { createProgress, type Progress } from "../progress.js";

const FORMATS: readonly DatasetFormat[] = ["hf-parquet", "resolved-jsonl", "pairs-jsonl", "pairs-csv"];

/** Parses one `--labels judge=file` value. */
export function parseLabelsOption(value: string, previous: JudgeLabelsFile[] = []): JudgeLabelsFile[] {
  const at = value.indexOf("=");
  if (at <= 0 || at === value.length - 1) {
    throw new PrefDissectError("bad-flag", `--labels "${value}" must look like <judge>=<file>`, { field: "--labels" });
  }
  return [...previous, { judge: value.slice(0, at), file: value.slice(at + 1) }];
}

/** The stderr summary: pair count, exclusions per group, and anything noticed while reading. */
export function summarizeFeatures(dataset: CompactDataset): string {
  const { excluded, source } = dataset;
  const excludedIn = (members: ArrayLike<number>) => {
    let count = 0;
    for (let i = 0; i < members.length; i++) count += excluded[members[i]!]!;
    return count;
  };
  const lines = [
    `${source.rows} pairs from ${source.file} (${source.format}${source.synthetic ? ", SYNTHETIC" : ""}); ` +
      `${excluded.reduce((sum, flag) => sum + flag, 0)} excluded (error check not applicable)`,
  ];
  const groups = [...GROUP_IDS, ...[...dataset.groups.keys()].filter((group) => !GROUP_IDS.includes(group))];
  for (const group of groups) {
    const members = dataset.groups.get(group);
    if (members === undefined || members.length === 0) continue;
    lines.push(`  ${group.padEnd(20)} ${String(members.length).padStart(5)} pairs, ${excludedIn(members)} excluded`);
  }
  if (dataset.labels.size > 0) lines.push(`labels for ${dataset.labels.size} judges`);
  for (const difference of source.schemaDifferences) lines.push(`schema: ${difference}`);
  for (const warning of source.warnings) lines.push(`warning: ${warning}`);
  return lines.join("\n") + "\n";
}

/** Reads a dataset in the compact form, with a progress line while a large file is read. */
export async function readDataset(options: LoadDatasetOptions): Promise<CompactDataset> {
  let progress: Progress | undefined;
  let shown = 0;
  try {
    return await loadCompactDataset({
      ...options,
      onPairs: (read, total) => {
        if (total === undefined || total < 50_000) return;
        progress ??= createProgress("reading pairs", total);
        progress.tick(read - shown);
        shown = read;
      },
    });
  } finally {
    progress?.stop();
  }
}

export function register(program: Command): void {
  program
    .command("features")
    .description(
      "Turn annotated pairs into the paper's 29 comparison features (+1/0/-1 per property, A vs B). " +
        "Writes one JSON object per pair, in dataset order: {index, groups, features, excluded}. " +
        "A summary (pairs, exclusions per group, schema differences) goes to stderr.",
    )
    .requiredOption(
      "--data <file|hf>",
      "dataset: 'hf' (GAIR/preference-dissection, gated: needs HF_TOKEN), 'resolved' (the authors' resolved-comparisons JSONL, fetched on demand), " +
        "a Parquet file in the HF layout (e.g. from `pd synth`), a resolved JSONL file, or our pairs JSONL/CSV (docs/data-format.md)",
    )
    .option("--format <format>", `force the format instead of guessing from the file (${FORMATS.join(", ")})`)
    .option("--labels <judge=file>", 'add one judge\'s labels from a JSON array of "A"/"B" in dataset order (repeatable)', parseLabelsOption)
    .option("--group-index <file>", "group index (query_aware_idxs.json) to compare group membership with; format b reads it for scenarios")
    .requiredOption("--out <file>", "where to write the features (JSON Lines)")
    .action(async (options: { data: string; format?: string; labels?: JudgeLabelsFile[]; groupIndex?: string; out: string }) => {
      if (options.format !== undefined && !FORMATS.includes(options.format as DatasetFormat)) {
        throw new PrefDissectError("bad-flag", `--format "${options.format}" is not one of ${FORMATS.join(", ")}`, { field: "--format" });
      }
      const dataset = await readDataset({
        data: options.data,
        ...(options.format ? { format: options.format as DatasetFormat } : {}),
        ...(options.labels ? { labels: options.labels } : {}),
        ...(options.groupIndex ? { groupIndexFile: options.groupIndex } : {}),
      });
      await writeFeatureRowsFile(options.out, dataset);
      process.stderr.write(summarizeFeatures(dataset));
      process.stderr.write(`wrote ${options.out}\n`);
    });
}
