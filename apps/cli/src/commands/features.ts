import type { Command } from "commander";
import { PrefDissectError } from "@prefdissect/shared";
import { GROUP_IDS, formatFeatureRows, type DatasetFormat, type FeatureDataset } from "@prefdissect/data";
import { loadFeatureDataset, writeFileAtomic, type JudgeLabelsFile } from "@prefdissect/data/node";

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
export function summarizeFeatures(dataset: FeatureDataset): string {
  const { rows, source } = dataset;
  const lines = [
    `${source.rows} pairs from ${source.file} (${source.format}${source.synthetic ? ", SYNTHETIC" : ""}); ` +
      `${rows.filter((row) => row.excluded).length} excluded (error check not applicable)`,
  ];
  const groups = [...GROUP_IDS, ...new Set(rows.flatMap((row) => row.groups).filter((group) => !GROUP_IDS.includes(group)))];
  for (const group of groups) {
    const members = rows.filter((row) => row.groups.includes(group));
    if (members.length === 0) continue;
    lines.push(`  ${group.padEnd(20)} ${String(members.length).padStart(5)} pairs, ${members.filter((row) => row.excluded).length} excluded`);
  }
  if (dataset.labels.size > 0) lines.push(`labels for ${dataset.labels.size} judges`);
  for (const difference of source.schemaDifferences) lines.push(`schema: ${difference}`);
  for (const warning of source.warnings) lines.push(`warning: ${warning}`);
  return lines.join("\n") + "\n";
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
      const dataset = await loadFeatureDataset({
        data: options.data,
        ...(options.format ? { format: options.format as DatasetFormat } : {}),
        ...(options.labels ? { labels: options.labels } : {}),
        ...(options.groupIndex ? { groupIndexFile: options.groupIndex } : {}),
      });
      await writeFileAtomic(options.out, formatFeatureRows(dataset.rows));
      process.stderr.write(summarizeFeatures(dataset));
      process.stderr.write(`wrote ${options.out}\n`);
    });
}
