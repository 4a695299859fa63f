/**
 * Durable storage of finished fits: one JSON file per judge × group under `<dir>/fits/`
 * (`STORED_FIT_FILE`), written atomically (temporary file + rename) so an interrupted refit keeps
 * everything it finished.
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
import { RefitEntrySchema, STORED_FIT_FILE, STORED_FIT_TAG, StoredFitSchema } from "../formats.js";

export interface StoredFit<T> {
  readonly judge: string;
  readonly group: string;
  /** Hash of the problem and settings the fit came from. */
  readonly fingerprint: string;
  readonly body: T;
}

/** sha256 of a value's JSON text: the fingerprint of a fit's inputs, and the checksum of its body. */
export function fingerprintOf(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}

const safe = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, "_");

export function fitPath(dir: string, judge: string, group: string): string {
  return join(dir, "fits", safe(judge), `${safe(group)}.json`);
}

export type LoadOutcome<T> =
  { readonly status: "hit"; readonly fit: StoredFit<T> } | { readonly status: "missing" } | { readonly status: "stale" | "corrupt"; readonly reason: string };

/** Reads a stored fit, checks it against the expected fingerprint and its body against `body`. */
export async function loadFit<T>(dir: string, judge: string, group: string, fingerprint: string, body: z.ZodType<T>): Promise<LoadOutcome<T>> {
  const path = fitPath(dir, judge, group);
  if (!existsSync(path)) return { status: "missing" };
  let envelope;
  try {
    envelope = STORED_FIT_FILE.parse(await readFile(path, "utf8"), path);
  } catch (error) {
    if (!isPrefDissectError(error)) throw error;
    return { status: "corrupt", reason: error.message };
  }
  if (envelope.judge !== judge || envelope.group !== group) return { status: "corrupt", reason: `${path} does not hold the fit of ${judge} × ${group}` };
  // The checksum covers the body as written, so it is checked before the schema rebuilds it.
  if (fingerprintOf(envelope.body) !== envelope.sha256) return { status: "corrupt", reason: `${path} fails its checksum` };
  if (envelope.fingerprint !== fingerprint) return { status: "stale", reason: `${path} was fitted from other data or settings` };
  try {
    return { status: "hit", fit: { judge, group, fingerprint, body: checkJson(envelope.body, body, { file: path, what: STORED_FIT_FILE.what }) } };
  } catch (error) {
    if (!isPrefDissectError(error)) throw error;
    return { status: "corrupt", reason: error.message };
  }
}

/** Writes a fit atomically. */
export async function saveFit<T>(dir: string, fit: StoredFit<T>): Promise<string> {
  const path = fitPath(dir, fit.judge, fit.group);
  await writeFormatFile(STORED_FIT_FILE, path, { format: STORED_FIT_TAG, ...fit, sha256: fingerprintOf(fit.body) });
  return path;
}

// A stored refit entry of which only the draws are needed; each is a 29-vector of weights.
const StoredDrawsSchema = StoredFitSchema.extend({ body: z.looseObject({ draws: RefitEntrySchema.shape.draws.element.length(29).array() }) });

/**
 * The thinned posterior draws a refit kept for one judge × group, for anything that needs
 * intervals of its own (the gameability estimate); `undefined` when the refit has no such fit,
 * an empty list for a fit by the mode fast path. Unlike `loadFit` this does not ask which inputs
 * the fit came from, so a damaged file is an error rather than a reason to fit again.
 */
export async function readFitDraws(dir: string, judge: string, group: string): Promise<number[][] | undefined> {
  const path = fitPath(dir, judge, group);
  if (!existsSync(path)) return undefined;
  const envelope = await readFormatFile(STORED_FIT_FILE, path);
  if (envelope.judge !== judge || envelope.group !== group || fingerprintOf(envelope.body) !== envelope.sha256) {
    throw new PrefDissectError("malformed-file", `${path} does not hold an intact fit of ${judge} × ${group}; rerun pd refit to fit it again`, { file: path });
  }
  return checkJson(envelope, StoredDrawsSchema, { file: path, what: STORED_FIT_FILE.what }).body.draws;
}
