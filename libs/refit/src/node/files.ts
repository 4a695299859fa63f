/** A refit folder's summary.json and intervals.json on disk (formats in ../formats.ts). */
import { join } from "node:path";
import { readFormatFile, writeFormatFile } from "@prefdissect/data/node";
import { REFIT_INTERVALS_FILE, REFIT_SUMMARY_FILE, type RefitIntervals, type RefitSummary } from "../formats.js";

const RUN_REFIT_FIRST = "run `pd refit` (or `make refit`) first";

/** Reads `<refitDir>/summary.json`. */
export function readRefitSummary(refitDir: string): Promise<RefitSummary> {
  return readFormatFile(REFIT_SUMMARY_FILE, join(refitDir, "summary.json"), RUN_REFIT_FIRST);
}

/** Writes `<refitDir>/summary.json`. */
export function writeRefitSummary(refitDir: string, summary: RefitSummary): Promise<void> {
  return writeFormatFile(REFIT_SUMMARY_FILE, join(refitDir, "summary.json"), summary);
}

/** Reads `<refitDir>/intervals.json`. */
export function readRefitIntervals(refitDir: string): Promise<RefitIntervals> {
  return readFormatFile(REFIT_INTERVALS_FILE, join(refitDir, "intervals.json"), "run `pd refit` (or `make refit`) with --method nuts first");
}

/** Writes `<refitDir>/intervals.json`. */
export function writeRefitIntervals(refitDir: string, intervals: RefitIntervals): Promise<void> {
  return writeFormatFile(REFIT_INTERVALS_FILE, join(refitDir, "intervals.json"), intervals);
}
