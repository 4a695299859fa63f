/** Which dataset the pair and add views use, and the control to open another one. */
import { DATASET_EXTENSIONS } from "@prefdissect/data";
import type { AppContext } from "../app.js";
import { loadBundledDataset, loadDatasetFile, type LoadedDataset } from "../dataset.js";
import { h, uniqueId } from "../dom.js";

function describe(dataset: LoadedDataset): (Node | string)[] {
  const pairs = `${dataset.features.rows.length.toLocaleString("en")} pairs, labels of ${dataset.features.labels.size} judges`;
  if (dataset.bundled) {
    return [
      h("strong", { class: "badge" }, "SYNTHETIC"),
      ` ${dataset.file}: the stand-in dataset that pd synth --weights released --seed 0 writes — made-up pairs with labels drawn from the released weights, not the paper's data (${pairs}).`,
    ];
  }
  return [dataset.synthetic ? h("strong", { class: "badge" }, "SYNTHETIC") : "", ` ${dataset.file} (${pairs}), opened from your computer.`];
}

export function datasetBanner(context: AppContext, dataset: LoadedDataset): HTMLElement {
  const id = uniqueId("dataset-file");
  const status = h("span", { class: "muted", "aria-live": "polite" });
  const input = h("input", {
    id,
    type: "file",
    accept: DATASET_EXTENSIONS.join(","),
    onchange: async () => {
      const file = input.files?.[0];
      if (!file) return;
      status.textContent = ` Reading ${file.name}…`;
      try {
        context.setDataset(await loadDatasetFile(file));
        context.navigate({ index: 0, browse: "all", q: "" });
      } catch (error) {
        status.textContent = "";
        context.alert((error as Error).message);
      }
    },
  });
  return h(
    "div",
    { class: "dataset-panel" },
    h("p", { "data-dataset": dataset.file }, h("span", { class: "label" }, "Dataset:"), ...describe(dataset)),
    h(
      "div",
      { class: "field inline" },
      h("label", { for: id }, "Open another dataset (Hugging Face Parquet, the authors' resolved JSONL, or our pairs JSONL/CSV)"),
      input,
      status,
    ),
    dataset.bundled
      ? null
      : h(
          "button",
          {
            type: "button",
            class: "secondary",
            onclick: async () => {
              context.setDataset(await loadBundledDataset());
              context.navigate({ index: 0, browse: "all", q: "" });
            },
          },
          "Back to the bundled synthetic dataset",
        ),
    h("p", { class: "muted" }, "The file is read in this browser; it is never uploaded anywhere."),
  );
}
