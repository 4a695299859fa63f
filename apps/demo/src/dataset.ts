/**
 * The dataset the pair and add views work on: the bundled SYNTHETIC stand-in until the visitor
 * opens a file of their own. Files are read in this browser (in a worker) and never leave it.
 */
import type { FeatureDataset, PairRecord } from "@prefdissect/data";
import syntheticUrl from "../generated/synthetic.parquet?url";
import type { DatasetReply, DatasetRequest } from "./dataset-protocol.js";

export interface LoadedDataset {
  /** File name as shown and named in messages. */
  readonly file: string;
  readonly synthetic: boolean;
  /** True for the bundled stand-in. */
  readonly bundled: boolean;
  /** Annotated pairs (absent for the authors' resolved comparisons, which hold features only). */
  readonly pairs: PairRecord[] | null;
  readonly features: FeatureDataset;
}

export const BUNDLED_DATASET_NAME = "synthetic.parquet";

function openInWorker(file: string, bytes: Uint8Array): Promise<DatasetReply> {
  const worker = new Worker(new URL("./dataset-worker.ts", import.meta.url), { type: "module" });
  return new Promise<DatasetReply>((resolve) => {
    worker.onmessage = (event: MessageEvent<DatasetReply>) => resolve(event.data);
    worker.onerror = (event) => resolve({ ok: false, message: `${file} could not be read (the reader stopped: ${event.message || "unknown error"})` });
    worker.postMessage({ file, bytes } satisfies DatasetRequest, [bytes.buffer]);
  }).finally(() => worker.terminate());
}

async function open(file: string, bytes: Uint8Array, bundled: boolean): Promise<LoadedDataset> {
  const reply = await openInWorker(file, bytes);
  if (!reply.ok) throw new Error(reply.message);
  return { file, synthetic: reply.features.source.synthetic, bundled, pairs: reply.pairs, features: reply.features };
}

/** The bundled synthetic dataset (pd synth --weights released --seed 0). */
export async function loadBundledDataset(): Promise<LoadedDataset> {
  const response = await fetch(syntheticUrl);
  if (!response.ok) throw new Error(`${BUNDLED_DATASET_NAME} could not be loaded from this site (HTTP ${response.status})`);
  return open(BUNDLED_DATASET_NAME, new Uint8Array(await response.arrayBuffer()), true);
}

/** A dataset file the visitor picked. */
export async function loadDatasetFile(file: File): Promise<LoadedDataset> {
  return open(file.name, new Uint8Array(await file.arrayBuffer()), false);
}
