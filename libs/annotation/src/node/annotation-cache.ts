/**
 * The durable record of a run: an append-only JSONL file with one line per finished call.
 *
 * - Each line is written with a single `write` on a file opened for appending, so a killed process
 *   leaves every finished line intact; at worst the line being written is cut short. On opening,
 *   such a torn last line is cut off (its call simply runs again).
 * - Lines reach the disk itself (fdatasync) together, at most `FLUSH_WINDOW_MS` after they were
 *   written, and on close: one flush per line would cost a run of thousands of short calls far
 *   more time than the calls, while a machine that crashes loses at most the last moment's answers.
 * - A key with an `ok` line is done and is never written again; a `failed` line records why a call
 *   failed (with the raw answer when there was one) and the next run retries it. The newest line
 *   for a key wins.
 * - A lock file holding the process id stops two runs from appending to the same cache; a lock
 *   left by a killed process (its pid is gone) is taken over.
 * - No credentials are ever part of a line: records hold the model, prompt, parameters, inputs'
 *   hash and answers only.
 */
import { closeSync, existsSync, fdatasyncSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync, writeSync } from "node:fs";
import { z } from "zod";
import { PrefDissectError } from "@prefdissect/shared";
import type { CallParams, TokenLogprob } from "../plan/calls.js";
import type { TokenUsage } from "../pricing.js";

interface RecordBase {
  readonly key: string;
  readonly pairId: string;
  /** An annotation prompt's id, or another catalog's (a judge's comparison prompt). */
  readonly promptId: string;
  readonly promptVersion: number;
  readonly model: string;
  readonly params: CallParams;
  /** Requests sent for this call in the run that wrote the line. */
  readonly attempts: number;
  /** How the call was made. */
  readonly via: "chat" | "batch";
  readonly finishedAt: string;
}

/** A call that produced a valid answer. */
export interface OkRecord extends RecordBase {
  readonly status: "ok";
  /** The answer exactly as the model wrote it. */
  readonly text: string;
  /** The validated, normalised answer. */
  readonly answer: unknown;
  /** Repairs applied before validation (code fence, trailing comma, …). */
  readonly repaired: readonly string[];
  readonly usage: TokenUsage;
  readonly jsonMode: boolean;
  /** The first token's top-k list, for calls that asked for log-probabilities. */
  readonly logprobs?: readonly TokenLogprob[];
}

/** A call that failed; retried by the next run. */
export interface FailedRecord extends RecordBase {
  readonly status: "failed";
  readonly reason: string;
  /** The model's answer when one arrived but could not be used. */
  readonly raw?: string;
  readonly logprobs?: readonly TokenLogprob[];
  readonly usage?: TokenUsage;
}

export type CacheRecord = OkRecord | FailedRecord;

const TokenUsageSchema = z.object({ input: z.number(), output: z.number() });
const TokenLogprobsSchema = z.array(z.object({ token: z.string(), logprob: z.number() }));
const RecordBaseSchema = z.object({
  key: z.string(),
  pairId: z.string(),
  // an annotation prompt's id or another catalog's (answers generated through the same cache)
  promptId: z.string().min(1),
  promptVersion: z.number(),
  model: z.string(),
  params: z.object({
    temperature: z.number(),
    topP: z.number(),
    seed: z.number(),
    maxTokens: z.number(),
    json: z.boolean(),
    endpoint: z.literal("completions").optional(),
    topLogprobs: z.number().int().optional(),
  }),
  attempts: z.number(),
  via: z.enum(["chat", "batch"]),
  finishedAt: z.string(),
});

/** One line of the cache file; a line that does not match is left in place and ignored. */
export const CacheRecordSchema: z.ZodType<CacheRecord> = z.discriminatedUnion("status", [
  RecordBaseSchema.extend({
    status: z.literal("ok"),
    text: z.string(),
    answer: z.unknown(),
    repaired: z.array(z.string()),
    usage: TokenUsageSchema,
    jsonMode: z.boolean(),
    logprobs: TokenLogprobsSchema.optional(),
  }),
  RecordBaseSchema.extend({
    status: z.literal("failed"),
    reason: z.string(),
    raw: z.string().optional(),
    logprobs: TokenLogprobsSchema.optional(),
    usage: TokenUsageSchema.optional(),
  }),
]);

export interface CacheOpenReport {
  /** Bytes of a torn last line that were cut off. */
  readonly tornBytes: number;
  /** Lines that were not valid records (left in place, ignored). */
  readonly unreadableLines: number;
}

export interface CacheOptions {
  /** Flush lines to disk (fdatasync) within `FLUSH_WINDOW_MS` and on close; default true. */
  readonly sync?: boolean;
}

/** How long a written line may wait for the flush that takes it to disk. */
export const FLUSH_WINDOW_MS = 1000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class AnnotationCache {
  readonly path: string;
  readonly report: CacheOpenReport;
  private readonly records = new Map<string, CacheRecord>();
  private readonly lockPath: string;
  private fd: number | undefined;
  private readonly sync: boolean;
  private flushTimer: NodeJS.Timeout | undefined;

  private constructor(path: string, options: CacheOptions) {
    this.path = path;
    this.lockPath = `${path}.lock`;
    this.sync = options.sync ?? true;
    this.acquireLock();
    try {
      this.report = this.load();
      this.fd = openSync(path, "a");
    } catch (error) {
      this.releaseLock();
      throw error;
    }
  }

  /** Opens (or creates) the cache at `path`, repairing a torn last line. */
  static open(path: string, options: CacheOptions = {}): AnnotationCache {
    return new AnnotationCache(path, options);
  }

  private acquireLock(): void {
    for (let tries = 0; tries < 2; tries += 1) {
      try {
        writeFileSync(this.lockPath, `${process.pid}\n`, { flag: "wx" });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const pid = Number.parseInt(readFileSync(this.lockPath, "utf8"), 10);
        if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) {
          throw new PrefDissectError("cache-locked", `${this.path} is in use by another annotate run (process ${pid}); wait for it to finish or stop it`, {
            file: this.path,
          });
        }
        if (pid === process.pid) {
          throw new PrefDissectError("cache-locked", `${this.path} is already open in this process`, { file: this.path });
        }
        rmSync(this.lockPath, { force: true }); // left behind by a process that no longer exists
      }
    }
    throw new PrefDissectError("cache-locked", `could not lock ${this.path}`, { file: this.path });
  }

  private releaseLock(): void {
    rmSync(this.lockPath, { force: true });
  }

  private load(): CacheOpenReport {
    if (!existsSync(this.path)) return { tornBytes: 0, unreadableLines: 0 };
    const bytes = readFileSync(this.path);
    let tornBytes = 0;
    let complete = bytes;
    if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) {
      const lastNewline = bytes.lastIndexOf(0x0a);
      const keep = lastNewline + 1;
      tornBytes = bytes.length - keep;
      truncateSync(this.path, keep);
      complete = bytes.subarray(0, keep);
    }
    let unreadableLines = 0;
    for (const line of complete.toString("utf8").split("\n")) {
      if (line.trim() === "") continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        unreadableLines += 1;
        continue;
      }
      const record = CacheRecordSchema.safeParse(parsed);
      if (!record.success) {
        unreadableLines += 1;
        continue;
      }
      // An ok answer is final; a later failure line for the same key cannot exist, but never let
      // one hide a finished answer.
      if (this.records.get(record.data.key)?.status !== "ok") this.records.set(record.data.key, record.data);
    }
    return { tornBytes, unreadableLines };
  }

  /** The newest record for `key`. */
  get(key: string): CacheRecord | undefined {
    return this.records.get(key);
  }

  get size(): number {
    return this.records.size;
  }

  /** Appends `record` and flushes it; an `ok` key is never written twice. */
  append(record: CacheRecord): void {
    if (this.fd === undefined) throw new Error("the annotation cache is closed");
    if (this.records.get(record.key)?.status === "ok") return;
    const bytes = Buffer.from(`${JSON.stringify(record)}\n`, "utf8");
    let written = 0;
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
    if (this.sync) this.flushSoon();
    this.records.set(record.key, record);
  }

  /** One fdatasync for every line written in the next `FLUSH_WINDOW_MS`. */
  private flushSoon(): void {
    if (this.flushTimer !== undefined) return;
    this.flushTimer = setTimeout(() => this.flush(), FLUSH_WINDOW_MS);
    // A pending flush never keeps the process alive: the lines are written already.
    this.flushTimer.unref();
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.fd !== undefined && this.sync) fdatasyncSync(this.fd);
  }

  /** Flushes what is written, closes the file and releases the lock. */
  close(): void {
    if (this.fd === undefined) return;
    this.flush();
    closeSync(this.fd);
    this.fd = undefined;
    this.releaseLock();
  }
}
