/** Messages between the page and the dataset worker. */
import type { FeatureDataset, PairRecord } from "@prefdissect/data";

export interface DatasetRequest {
  readonly file: string;
  readonly bytes: Uint8Array;
}

export type DatasetReply =
  { readonly ok: true; readonly pairs: PairRecord[] | null; readonly features: FeatureDataset } | { readonly ok: false; readonly message: string };
