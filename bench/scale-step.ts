/**
 * Runs one `pd` command (the arguments after the script) and writes its peak resident memory, as
 * the operating system counted it, to the file named by PD_BENCH_RSS_FILE. Used by scale.bench.ts,
 * which runs every step in a fresh process so that each step's peak is its own.
 */
import { writeFileSync } from "node:fs";
import { main } from "../apps/cli/src/main.js";

const code = await main(process.argv);
const file = process.env.PD_BENCH_RSS_FILE;
// maxRSS is in kibibytes.
if (file) writeFileSync(file, JSON.stringify({ peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
process.exitCode = code;
