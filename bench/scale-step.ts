/**
 * Runs one `pd` command (the arguments after the script) and writes its peak resident memory, as
 * the operating system counted it, and its CPU time (every thread, workers included) to the file
 * named by PD_BENCH_RSS_FILE. Used by scale.bench.ts,
 * which runs every step in a fresh process so that each step's peak is its own.
 */
import { writeFileSync } from "node:fs";
import { main } from "../apps/cli/src/main.js";

const code = await main(process.argv);
const file = process.env.PD_BENCH_RSS_FILE;
// maxRSS is in kibibytes, the CPU times in microseconds.
const usage = process.resourceUsage();
if (file) writeFileSync(file, JSON.stringify({ peakRssBytes: usage.maxRSS * 1024, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }));
process.exitCode = code;
