/** The files of `pd judge collect` and `pd judge add` on disk (formats in ../collect-files.ts and ../placement). */
import { readFormatFile, writeFormatFile } from "@prefdissect/data/node";
import { COLLECT_SUMMARY_FILE, LOGPROBS_FILE, type CollectSummary, type LogprobsLine } from "../collect-files.js";
import { PLACEMENT_FILE, type JudgePlacement } from "../placement/placement.js";

/** Reads a `logprobs.jsonl` of `pd judge collect`. */
export function readLogprobsFile(path: string): Promise<LogprobsLine[]> {
  return readFormatFile(LOGPROBS_FILE, path, "run `pd judge collect` first");
}

/** Writes a `logprobs.jsonl`. */
export function writeLogprobsFile(path: string, lines: readonly LogprobsLine[]): Promise<void> {
  return writeFormatFile(LOGPROBS_FILE, path, [...lines]);
}

/** Reads a `summary.json` of `pd judge collect`. */
export function readCollectSummary(path: string): Promise<CollectSummary> {
  return readFormatFile(COLLECT_SUMMARY_FILE, path, "run `pd judge collect` first");
}

/** Writes a collect `summary.json`. */
export function writeCollectSummary(path: string, summary: CollectSummary): Promise<void> {
  return writeFormatFile(COLLECT_SUMMARY_FILE, path, summary);
}

/** Reads a `placement.json` of `pd judge add`. */
export function readPlacement(path: string): Promise<JudgePlacement> {
  return readFormatFile(PLACEMENT_FILE, path, "run `pd judge add` first");
}

/** Writes a `placement.json`. */
export function writePlacement(path: string, placement: JudgePlacement): Promise<void> {
  return writeFormatFile(PLACEMENT_FILE, path, placement);
}
