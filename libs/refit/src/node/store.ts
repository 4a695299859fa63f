/**
 * Durable storage of finished fits: one JSON file per judge × group under `<dir>/fits/`, written
 * atomically (temporary file + rename) so an interrupted refit keeps everything it finished.
 *
 * Each entry carries a sha256 of its body and the fingerprint of the inputs it was fitted from
 * (data + settings). On resume an entry is reused only when both match; a truncated, edited or
 * stale entry is reported and fitted again.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "@prefdissect/data/node";

export interface StoredFit<T> {
  readonly judge: string;
  readonly group: string;
  /** Hash of the problem and settings the fit came from. */
  readonly fingerprint: string;
  readonly body: T;
}

interface Envelope<T> extends StoredFit<T> {
  readonly format: "prefdissect-fit/1";
  readonly sha256: string;
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
  | { readonly status: "hit"; readonly fit: StoredFit<T> }
  | { readonly status: "missing" }
  | { readonly status: "stale" | "corrupt"; readonly reason: string };

/** Reads a stored fit and checks it against the expected fingerprint. */
export async function loadFit<T>(dir: string, judge: string, group: string, fingerprint: string): Promise<LoadOutcome<T>> {
  const path = fitPath(dir, judge, group);
  if (!existsSync(path)) return { status: "missing" };
  let envelope: Envelope<T>;
  try {
    envelope = JSON.parse(await readFile(path, "utf8")) as Envelope<T>;
  } catch (error) {
    return { status: "corrupt", reason: `${path} is not valid JSON (${(error as Error).message})` };
  }
  if (envelope.format !== "prefdissect-fit/1" || envelope.judge !== judge || envelope.group !== group) {
    return { status: "corrupt", reason: `${path} does not hold the fit of ${judge} × ${group}` };
  }
  if (fingerprintOf(envelope.body) !== envelope.sha256) return { status: "corrupt", reason: `${path} fails its checksum` };
  if (envelope.fingerprint !== fingerprint) return { status: "stale", reason: `${path} was fitted from other data or settings` };
  return { status: "hit", fit: envelope };
}

/** Writes a fit atomically. */
export async function saveFit<T>(dir: string, fit: StoredFit<T>): Promise<string> {
  const path = fitPath(dir, fit.judge, fit.group);
  const envelope: Envelope<T> = { format: "prefdissect-fit/1", ...fit, sha256: fingerprintOf(fit.body) };
  await writeFileAtomic(path, JSON.stringify(envelope));
  return path;
}
