/**
 * Opens a dataset file off the page's thread: the Parquet decoder and the row checks take a
 * second or more for 5,240 pairs, and the page should stay responsive meanwhile. The worker gets
 * the file's name and bytes and answers with the parsed pairs and features, or the error.
 */
import { isPrefDissectError } from "@prefdissect/shared";
import { firstNonBlankLineOf, formatFromName, jsonLinesFormatOf, openDataset } from "@prefdissect/data";
import groupIndexUrl from "../generated/query_aware_idxs.json?url";
import humanLabelsUrl from "../generated/example_preference_labels.json?url";
import type { DatasetReply, DatasetRequest } from "./dataset-protocol.js";

async function authorsFile(url: string, file: string) {
  return { text: await (await fetch(url)).text(), file };
}

self.onmessage = async (event: MessageEvent<DatasetRequest>) => {
  const { file, bytes } = event.data;
  let reply: DatasetReply;
  try {
    // The resolved comparisons need the authors' group index and labels; they are fetched from
    // this site only for that format.
    const needsAuthorsFiles =
      formatFromName(file) === "json-lines" && jsonLinesFormatOf(firstNonBlankLineOf(new TextDecoder().decode(bytes))) === "resolved-jsonl";
    const opened = await openDataset(
      file,
      bytes,
      needsAuthorsFiles
        ? {
            groupIndex: await authorsFile(groupIndexUrl, "query_aware_idxs.json"),
            humanLabels: await authorsFile(humanLabelsUrl, "example_preference_labels.json"),
          }
        : {},
    );
    reply = { ok: true, pairs: opened.pairs?.pairs ?? null, features: opened.features };
  } catch (error) {
    reply = { ok: false, message: isPrefDissectError(error) ? error.message : `${file} could not be read (${(error as Error).message})` };
  }
  postMessage(reply);
};
