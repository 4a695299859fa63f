/**
 * Splitting a refit's job list (judge × group × fold) into n shards that separate machines fit
 * independently, into one shared output folder.
 *
 * The list is ordered judge by judge, group by group, fold by fold, and cut into n contiguous runs
 * of about equal work (training rows, which is what a fit's time grows with), so every job falls in
 * exactly one shard, a shard touches few groups, and the split depends only on the data and the
 * settings: every machine computes the same one without talking to the others.
 */
import { PrefDissectError } from "@prefdissect/shared";

/** Shard `index` (1-based) of `count`. */
export interface ShardSpec {
  readonly index: number;
  readonly count: number;
}

/** Reads "k/n" (1 ≤ k ≤ n); anything else is a one-sentence `bad-flag` error naming the flag. */
export function parseShardSpec(text: string, flag = "--shard"): ShardSpec {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const reject = (why: string): never => {
    throw new PrefDissectError("bad-flag", `${flag} must be k/n with 1 ≤ k ≤ n (shard k of n), got "${text}": ${why}`, { field: flag });
  };
  if (match === null) return reject("expected two whole numbers separated by a slash, such as 2/8");
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count)) return reject("the numbers are too large");
  if (count < 1) return reject("there must be at least one shard");
  if (index < 1) return reject("shards are numbered from 1");
  if (index > count) return reject(`there are only ${count} shards`);
  return { index, count };
}

/**
 * The shard (1-based) of every job, from each job's work in list order: job j goes to the shard
 * whose equal share of the total work holds the middle of job j. Jobs of no work count as one row.
 */
export function assignShards(work: readonly number[], count: number): number[] {
  const weights = work.map((w) => Math.max(1, w));
  const total = weights.reduce((sum, w) => sum + w, 0);
  let before = 0;
  return weights.map((w) => {
    const middle = before + w / 2;
    before += w;
    return Math.min(count, Math.floor((middle / total) * count) + 1);
  });
}
