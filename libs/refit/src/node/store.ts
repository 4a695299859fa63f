/**
 * Durable storage of finished fits: one JSON file per judge × group × fold under `<dir>/fits/`
 * (`STORED_FIT_FILE`), written atomically (a temporary file of a random name, then a rename) so an
 * interrupted refit keeps everything it finished, and two machines that fit the same job into a
 * shared folder leave one whole file, never a mix of both.
 *
 * Each entry carries a sha256 of its body and the fingerprint of the inputs it was fitted from
 * (data + settings). On resume an entry is reused only when both match and the body has the
 * expected shape; a truncated, edited or stale entry is reported and fitted again.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { checkJson, isPrefDissectError, PrefDissectError } from "@prefdissect/shared";
import { readFormatFile, writeFormatFile } from "@prefdissect/data/node";
import { STORED_FIT_FILE, STORED_FIT_TAG, StoredFitSchema } from "../formats.js";

export interface StoredFit<T> {
  readonly judge: string;
  readonly group: string;
  readonly fold: number;
  /** The fit's number of folds (`fold` is one of 0 … folds − 1). */
  readonly folds: number;
  /** Hash of the problem and settings the fit came from. */
  readonly fingerprint: string;
  readonly body: T;
}

/** sha256 of a value's JSON text: the fingerprint of a fit's inputs, and the checksum of its body. */
export function fingerprintOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

// A judge or group becomes a folder name: other characters become "_", and so does a name of dots only ("." or "..").
const safe = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^\.+$/, (dots) => "_".repeat(dots.length));

export function fitPath(dir: string, judge: string, group: string, fold: number): string {
  return join(dir, "fits", safe(judge), safe(group), `fold-${fold}.json`);
}

export type LoadOutcome<T> =
  { readonly status: "hit"; readonly fit: StoredFit<T> } | { readonly status: "missing" } | { readonly status: "stale" | "corrupt"; readonly reason: string };

/** Reads a stored fit, checks it against the expected fingerprint and its body against `body`. */
export async function loadFit<T>(
  dir: string,
  job: { judge: string; group: string; fold: number },
  fingerprint: string,
  body: z.ZodType<T>,
): Promise<LoadOutcome<T>> {
  const { judge, group, fold } = job;
  const path = fitPath(dir, judge, group, fold);
  if (!existsSync(path)) return { status: "missing" };
  let envelope;
  try {
    envelope = STORED_FIT_FILE.parse(await readFile(path, "utf8"), path);
  } catch (error) {
    if (!isPrefDissectError(error)) throw error;
    return { status: "corrupt", reason: error.message };
  }
  if (envelope.judge !== judge || envelope.group !== group || envelope.fold !== fold) {
    return { status: "corrupt", reason: `${path} does not hold the fit of ${judge} × ${group}, fold ${fold}` };
  }
  // The checksum covers the body as written, so it is checked before the schema rebuilds it.
  if (fingerprintOf(envelope.body) !== envelope.sha256) return { status: "corrupt", reason: `${path} fails its checksum` };
  if (envelope.fingerprint !== fingerprint) return { status: "stale", reason: `${path} was fitted from other data or settings` };
  try {
    return {
      status: "hit",
      fit: { judge, group, fold, folds: envelope.folds, fingerprint, body: checkJson(envelope.body, body, { file: path, what: STORED_FIT_FILE.what }) },
    };
  } catch (error) {
    if (!isPrefDissectError(error)) throw error;
    return { status: "corrupt", reason: error.message };
  }
}

/** Writes a fit atomically. */
export async function saveFit<T>(dir: string, fit: StoredFit<T>): Promise<string> {
  const path = fitPath(dir, fit.judge, fit.group, fit.fold);
  await writeFormatFile(STORED_FIT_FILE, path, { format: STORED_FIT_TAG, ...fit, sha256: fingerprintOf(fit.body) });
  return path;
}

// A stored fold of which only the draws are needed; each is a 29-vector of weights (none for the mode).
const Draws = z.array(z.array(z.number()).length(29));
const StoredDrawsSchema = StoredFitSchema.extend({
  body: z.looseObject({
    result: z.discriminatedUnion("kind", [
      z.looseObject({ kind: z.literal("mode") }),
      z.looseObject({ kind: z.literal("nuts"), fit: z.looseObject({ draws: Draws.optional() }) }),
    ]),
  }),
});

/**
 * The thinned posterior draws a refit kept for one judge × group, pooled over its folds in fold
 * order, for anything that needs intervals of its own (the gameability estimate); `undefined` when
 * the refit has no fit of it (no fold-0 file), an empty list for a fit by the mode fast path.
 * Unlike `loadFit` this does not ask which inputs the fit came from, so a damaged file, a missing
 * fold or folds of two different fits are an error rather than a reason to fit again.
 */
export async function readFitDraws(dir: string, judge: string, group: string): Promise<number[][] | undefined> {
  if (!existsSync(fitPath(dir, judge, group, 0))) return undefined;
  const refit = `rerun pd refit to fit ${judge} × ${group} again`;
  const draws: number[][] = [];
  let first: z.infer<typeof StoredDrawsSchema> | undefined;
  for (let fold = 0; fold < (first?.folds ?? 1); fold++) {
    const path = fitPath(dir, judge, group, fold);
    if (!existsSync(path)) {
      throw new PrefDissectError("missing-file", `${path} is missing: the fit of ${judge} × ${group} has ${first!.folds} folds; ${refit}`, { file: path });
    }
    const envelope = await readFormatFile(STORED_FIT_FILE, path);
    if (envelope.judge !== judge || envelope.group !== group || envelope.fold !== fold || fingerprintOf(envelope.body) !== envelope.sha256) {
      throw new PrefDissectError("malformed-file", `${path} does not hold an intact fit of ${judge} × ${group}, fold ${fold}; ${refit}`, { file: path });
    }
    const stored = checkJson(envelope, StoredDrawsSchema, { file: path, what: STORED_FIT_FILE.what });
    first ??= stored;
    if (stored.fingerprint !== first.fingerprint || stored.folds !== first.folds) {
      throw new PrefDissectError("malformed-file", `${path} was fitted from other data or settings than fold 0 of ${judge} × ${group}; ${refit}`, {
        file: path,
      });
    }
    if (stored.body.result.kind === "nuts") draws.push(...(stored.body.result.fit.draws ?? []));
  }
  return draws;
}
