/**
 * Node-side access to the manifest's artifacts: fetch (with progress), read, and load the
 * released weights into a `WeightSet`.
 */
import { readFileSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { PrefDissectError } from "@prefdissect/shared";
import { GROUP_IDS } from "../catalog/groups.js";
import { parseManifest, weightsArtifactId, type Manifest, type ManifestEntry } from "../manifest.js";
import { parseFittedParams, weightsFileName, type WeightSet } from "../released.js";
import { dataDir, manifestPath, repoRoot } from "./paths.js";
import { fetchArtifact, type FetchEvent } from "./fetcher.js";

let cachedManifest: Manifest | undefined;

/** The committed manifest, validated. */
export function loadManifest(): Manifest {
  if (cachedManifest === undefined) {
    const file = manifestPath();
    cachedManifest = parseManifest(readFileSync(file, "utf8"), file);
  }
  return cachedManifest;
}

/** Looks up one manifest entry by id. */
export function manifestEntry(id: string): ManifestEntry {
  const entry = loadManifest().artifacts.find((candidate) => candidate.id === id);
  if (entry === undefined) {
    const known = loadManifest().artifacts.map((a) => a.id).join(", ");
    throw new PrefDissectError("unknown-artifact", `unknown artifact "${id}" (known: ${known})`, { field: "id" });
  }
  return entry;
}

/** Ids fetched by default: everything pinned by checksum (the large or gated files are on demand). */
export function defaultArtifactIds(): string[] {
  return loadManifest()
    .artifacts.filter((entry) => entry.sha256 !== null)
    .map((entry) => entry.id);
}

export interface ArtifactOptions {
  readonly dataDir?: string;
  readonly mirror?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly onProgress?: (event: FetchEvent) => void;
}

/** Fetches the named artifacts (default: all pinned ones) one after another; returns local paths. */
export async function fetchArtifacts(ids: readonly string[] = defaultArtifactIds(), options: ArtifactOptions = {}): Promise<string[]> {
  const paths: string[] = [];
  for (const id of ids) {
    paths.push(
      await fetchArtifact(manifestEntry(id), {
        dataDir: options.dataDir ?? dataDir(),
        mirror: options.mirror,
        ...(options.headers ? { headers: options.headers } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      }),
    );
  }
  return paths;
}

/** Reads an artifact as text, fetching it first when missing. */
export async function readArtifactText(id: string, options: ArtifactOptions = {}): Promise<string> {
  const [path] = await fetchArtifacts([id], options);
  return readFile(path!, "utf8");
}

/** The authors' released weights for all 16 groups and 33 judges. */
export async function loadReleasedWeights(options: ArtifactOptions = {}): Promise<WeightSet> {
  const ws = new Map<string, Map<string, number[]>>();
  for (const group of GROUP_IDS) {
    const id = weightsArtifactId(group);
    const text = await readArtifactText(id, options);
    ws.set(group, parseFittedParams(text, manifestEntry(id).path, group));
  }
  return ws;
}

/** File name of a group's weights in the released layout (also used by refits). */
export { weightsFileName };

/** Reads a folder of `model_<group>_fitted_paras.jsonl` files (a refit's output). */
export async function loadWeightsDirectory(dir: string): Promise<WeightSet> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new PrefDissectError("missing-weights", `no weights folder at ${dir}; run \`pd refit\` (or \`make refit\`) first`, { file: dir });
  }
  const ws = new Map<string, Map<string, number[]>>();
  for (const group of GROUP_IDS) {
    const name = weightsFileName(group);
    if (!names.includes(name)) continue;
    const file = join(dir, name);
    ws.set(group, parseFittedParams(await readFile(file, "utf8"), file, group));
  }
  if (ws.size === 0) throw new PrefDissectError("missing-weights", `${dir} holds no model_<group>_fitted_paras.jsonl files`, { file: dir });
  return ws;
}

export type WeightsSource = "released" | "refit";

/** Output folder of `pd refit`: `PD_REFIT_DIR`, else `<repo>/data/derived/refit`. */
export function refitDir(): string {
  return process.env.PD_REFIT_DIR ?? join(repoRoot(), "data", "derived", "refit");
}

/** Where a refit keeps its weights in the released layout. */
export function refitWeightsDir(): string {
  return join(refitDir(), "weights");
}

/**
 * The one switch notebooks use: the authors' released weights, or our refit (read from `dir`,
 * default `data/derived/refit/weights`), as the same `WeightSet` shape.
 */
export async function loadWeights(options: { source?: WeightsSource | string; dir?: string } & ArtifactOptions = {}): Promise<WeightSet> {
  const source = options.source ?? "released";
  if (source === "released") return loadReleasedWeights(options);
  if (source === "refit") return loadWeightsDirectory(options.dir ?? refitWeightsDir());
  throw new PrefDissectError("bad-source", `unknown weights source "${source}" (expected "released" or "refit")`, { field: "source" });
}
