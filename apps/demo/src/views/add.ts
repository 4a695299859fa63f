/**
 * ?view=add
 * Add a judge: a labels file (a JSON array of "A"/"B" in dataset order, what `pd refit --labels`
 * reads) is checked against the loaded dataset, the 16 groups are fitted in Web Workers (the
 * exact posterior mode by default, the paper's NUTS procedure as an option), and the judge then
 * appears in every view, persists in this browser, and downloads in the released layout. A judge
 * fitted with `pd judge add` is opened from the folder it wrote instead (opened-judges.ts), and
 * from then on is treated the same.
 */
import { zipSync, strToU8 } from "fflate";
import { SCENARIO_IDS, checkNewJudgeId, formatFittedParams, parseLabelsForDataset, weightsFileName, type TextFile } from "@prefdissect/data";
import { viewGroupLabel, viewJudgeLabel } from "@prefdissect/figures";
import {
  fitJudge,
  PAPER_JUDGE_FIT,
  REFIT_INTERVALS_FILE,
  REFIT_INTERVALS_TAG,
  type RefitIntervals,
  type JudgeFit,
  type JudgeFitMethod,
  type JudgeFitProgress,
} from "@prefdissect/refit";
import { judgeProfile } from "@prefdissect/similarity";
import { isPrefDissectError } from "@prefdissect/shared";
import type { AppContext } from "../app.js";
import type { LoadedDataset } from "../dataset.js";
import { download, fileName, formatNumber, h, uniqueId } from "../dom.js";
import { createWorkerPool } from "../fit/worker-pool.js";
import type { AddedJudge, JudgeStore } from "../judges-store.js";
import { isJudgeAddFile, openedJudges } from "../opened-judges.js";
import { datasetBanner } from "./dataset-panel.js";
import { section, viewHeader, columnHeads } from "./common.js";

/** The fit in progress, kept across redraws so leaving the view and coming back shows it. */
interface RunningFit {
  readonly judge: string;
  readonly method: JudgeFitMethod;
  readonly started: number;
  readonly controller: AbortController;
  progress: JudgeFitProgress | undefined;
  listener: (() => void) | undefined;
}

let running: RunningFit | undefined;
/** The outcome of the last fit, shown until the next one starts. */
let lastOutcome: { judge: string; text: string } | undefined;
/** What the last opening of `pd judge add` files added, shown until the next one. */
let lastOpened: { judge: string; text: string } | undefined;

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds - 60 * minutes)} s`;
}

/** "12 of 160 fits done, about 1 min 5 s left" from a progress report. */
export function progressText(fit: RunningFit, now: number): string {
  const progress = fit.progress;
  if (progress === undefined) return `Fitting ${fit.judge}: starting the workers…`;
  const elapsed = (now - fit.started) / 1000;
  const left = (elapsed * (progress.workTotal - progress.workDone)) / Math.max(1, progress.workDone);
  const fits = `${progress.done} of ${progress.total} fits done`;
  return progress.done === progress.total ? `${fits}.` : `${fits}, about ${duration(left)} left.`;
}

/** The judge's weights in the released layout (and, for NUTS, its intervals as intervals.json), zipped. */
export function weightsZip(judge: AddedJudge): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [group, weights] of Object.entries(judge.weights)) {
    files[`weights/${weightsFileName(group)}`] = strToU8(formatFittedParams([[judge.id, weights]]));
  }
  if (judge.intervals.length > 0 && judge.dataset !== null) {
    const intervals: RefitIntervals = {
      format: REFIT_INTERVALS_TAG,
      synthetic: judge.dataset.synthetic,
      mass: 0.9,
      preference: judge.intervals,
      similarity: [],
    };
    files["intervals.json"] = strToU8(REFIT_INTERVALS_FILE.stringify(intervals));
  }
  return zipSync(files);
}

function toAddedJudge(fit: JudgeFit, dataset: LoadedDataset): AddedJudge {
  return {
    id: fit.judge,
    method: fit.settings.method,
    folds: fit.settings.folds,
    dataset: { file: dataset.file, pairs: dataset.features.rows.length, synthetic: dataset.synthetic },
    addedAt: new Date().toISOString(),
    weights: Object.fromEntries(fit.groups.map((group) => [group.group, group.mean])),
    intervals: fit.intervals,
  };
}

/** "Added <judge>. Its most similar judge is …", with `added` saying how it came. */
function placementSentence(store: JudgeStore, judge: string, added = `Added ${judge}.`): string {
  const weights = store.weights();
  const others = store.judgeIds().filter((id) => SCENARIO_IDS.every((group) => weights.get(group)?.has(id)));
  const nearest = judgeProfile(weights, judge, { others }).mostSimilar[0]!;
  return `${added} Its most similar judge is ${viewJudgeLabel(nearest.judge)} (similarity ${formatNumber(nearest.similarity, 3)}).`;
}

/** How a judge was fitted, for the table of added judges. */
function fitDescription(judge: AddedJudge): string {
  const method = judge.method === null ? undefined : judge.method === "mode" ? "posterior mode" : `NUTS, ${judge.folds} folds`;
  if (judge.openedFrom === undefined) return method ?? "";
  return method === undefined ? "pd judge add; fit not known without placement.json" : `pd judge add, ${method}`;
}

/** The path of a chosen file inside the folder chosen (a folder input gives it), else its name. */
const pickedPath = (file: File) => file.webkitRelativePath || file.name;

/**
 * Opens the judges in the files a `pd judge add` run wrote, chosen as its folder or as single
 * files: only the weight files and placement.json are read (the folder also holds its charts).
 */
async function openJudgeFiles(context: AppContext, input: HTMLInputElement, onChange: () => void): Promise<void> {
  const picked = [...(input.files ?? [])];
  if (picked.length === 0) return;
  context.clearAlerts();
  const folder = picked[0]!.webkitRelativePath.split("/")[0];
  const where = folder || (picked.length === 1 ? picked[0]!.name : "the chosen files");
  try {
    const files: TextFile[] = await Promise.all(
      picked.filter((file) => isJudgeAddFile(pickedPath(file))).map(async (file) => ({ file: pickedPath(file), text: await file.text() })),
    );
    const judges = openedJudges(files, where, context.store.judgeIds());
    for (const judge of judges) context.store.add(judge);
    lastOpened = {
      judge: judges[0]!.id,
      text: judges.map((judge) => placementSentence(context.store, judge.id, `Opened ${judge.id} from ${where} (${fitDescription(judge)}).`)).join(" "),
    };
  } catch (error) {
    context.alert((error as Error).message);
  } finally {
    // Choosing the same folder again (after fixing a file) fires another change.
    input.value = "";
    onChange();
  }
}

async function startFit(context: AppContext, name: string, file: File | undefined, method: JudgeFitMethod, onChange: () => void): Promise<void> {
  const { store } = context;
  const dataset = await context.dataset();
  let labels;
  let judge: string;
  try {
    judge = checkNewJudgeId(name.trim(), store.judgeIds(), "name");
    if (file === undefined) throw new Error('Choose a labels file: a JSON array with one "A" or "B" per pair of the dataset, in dataset order.');
    labels = parseLabelsForDataset(await file.text(), file.name, { file: dataset.file, pairs: dataset.features.rows.length });
  } catch (error) {
    context.alert((error as Error).message);
    return;
  }
  const pool = createWorkerPool();
  const fit: RunningFit = { judge, method, started: performance.now(), controller: new AbortController(), progress: undefined, listener: undefined };
  running = fit;
  lastOutcome = undefined;
  fit.controller.signal.addEventListener("abort", () => pool.stop());
  onChange();
  try {
    const result = await fitJudge(dataset.features, judge, labels, {
      settings: method === "nuts" ? PAPER_JUDGE_FIT : { method: "mode" },
      runner: pool,
      signal: fit.controller.signal,
      onProgress: (progress) => {
        fit.progress = progress;
        fit.listener?.();
      },
    });
    const missing = SCENARIO_IDS.filter((group) => !result.groups.some((entry) => entry.group === group));
    if (missing.length > 0) {
      const reasons = result.skipped.map((entry) => `${viewGroupLabel(entry.group)}: ${entry.reason}`).join("; ");
      throw new Error(`${judge} could not be fitted in every scenario (${reasons}), and its similarities need all 11.`);
    }
    store.add(toAddedJudge(result, dataset));
    lastOutcome = { judge, text: placementSentence(store, judge) };
  } catch (error) {
    if (isPrefDissectError(error) && error.code === "cancelled") lastOutcome = { judge, text: `The fit of ${judge} was cancelled; nothing was added.` };
    else context.alert(`The fit of ${judge} failed: ${(error as Error).message}`);
  } finally {
    pool.stop();
    // The view that is on screen now (it may have been redrawn since the fit started).
    const notify = fit.listener ?? onChange;
    running = undefined;
    notify();
  }
}

function addedJudgesTable(context: AppContext): HTMLElement {
  const { store } = context;
  const added = store.addedJudges();
  if (added.length === 0) return h("p", { class: "muted" }, "No judge has been added in this browser yet.");
  return h(
    "div",
    { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Judges added in this browser" },
    h(
      "table",
      { class: "compact added" },
      columnHeads("judge", "fitted with", "dataset", "actions"),
      h(
        "tbody",
        {},
        added.map((judge) =>
          h(
            "tr",
            { "data-judge": judge.id },
            h("th", { scope: "row" }, h("a", { href: context.link({ view: "judge", judge: judge.id }) }, judge.id)),
            h("td", {}, fitDescription(judge)),
            h("td", {}, judge.dataset === null ? "not known" : judge.dataset.synthetic ? `${judge.dataset.file} (SYNTHETIC)` : judge.dataset.file),
            h(
              "td",
              { class: "actions" },
              h("a", { href: context.link({ view: "dissection", judges: ["human", judge.id] }) }, "Dissection"),
              h("a", { href: context.link({ view: "similarity", compare: ["human", judge.id] }) }, "Similarity"),
              h(
                "button",
                {
                  type: "button",
                  class: "secondary",
                  "aria-label": `Download the weights of ${judge.id}`,
                  onclick: () => download(`${fileName(judge.id, "weights")}.zip`, new Blob([weightsZip(judge) as BlobPart], { type: "application/zip" })),
                },
                "Download weights",
              ),
              h(
                "button",
                {
                  type: "button",
                  class: "secondary danger",
                  "aria-label": `Remove ${judge.id}`,
                  onclick: () => {
                    store.remove(judge.id);
                    context.navigate({}, { replace: true });
                  },
                },
                "Remove",
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

export function addView(context: AppContext): HTMLElement {
  const nameId = uniqueId("name");
  const labelsId = uniqueId("labels");
  const nameInput = h("input", {
    id: nameId,
    type: "text",
    name: "name",
    required: true,
    autocomplete: "off",
    placeholder: "e.g. my-reward-model",
    pattern: "[A-Za-z0-9][A-Za-z0-9._-]*",
    maxlength: 64,
  });
  const labelsInput = h("input", { id: labelsId, type: "file", name: "labels", accept: ".json,application/json", required: true });
  const methodName = uniqueId("method");
  const method = (value: JudgeFitMethod, label: string, hint: string, checked: boolean) => {
    const id = uniqueId("method");
    return h(
      "div",
      { class: "check" },
      h("input", { type: "radio", id, name: methodName, value, checked }),
      h("label", { for: id }, label, h("span", { class: "muted" }, ` — ${hint}`)),
    );
  };
  const status = h("div", { class: "fit-status", "aria-live": "polite" });
  const progress = h("progress", { max: 1, value: 0, "aria-label": "Fit progress" });
  const cancel = h("button", { type: "button", class: "secondary danger", onclick: () => running?.controller.abort() }, "Cancel");
  const start = h("button", { type: "submit" }, "Fit and add the judge");
  const added = h("div", {});
  const folderId = uniqueId("judge-folder");
  const filesId = uniqueId("judge-files");
  const openStatus = h("div", { class: "open-status", "aria-live": "polite" });
  const folderInput: HTMLInputElement = h("input", {
    id: folderId,
    type: "file",
    name: "judge-folder",
    webkitdirectory: true,
    multiple: true,
    onchange: () => void openJudgeFiles(context, folderInput, () => refresh()),
  });
  const filesInput: HTMLInputElement = h("input", {
    id: filesId,
    type: "file",
    name: "judge-files",
    multiple: true,
    accept: ".jsonl,.json",
    onchange: () => void openJudgeFiles(context, filesInput, () => refresh()),
  });

  const refresh = () => {
    const fit = running;
    start.disabled = fit !== undefined;
    cancel.hidden = fit === undefined;
    progress.hidden = fit === undefined;
    if (fit !== undefined) {
      progress.value = fit.progress ? fit.progress.workDone / fit.progress.workTotal : 0;
      status.textContent = `${fit.method === "nuts" ? "NUTS, the paper's settings" : "Posterior mode"}: ${progressText(fit, performance.now())}`;
      fit.listener = refresh;
    } else {
      status.replaceChildren(
        lastOutcome
          ? h(
              "p",
              { "data-outcome": lastOutcome.judge },
              lastOutcome.text,
              " ",
              context.store.isAdded(lastOutcome.judge) ? h("a", { href: context.link({ view: "judge", judge: lastOutcome.judge }) }, "See its profile.") : "",
            )
          : "",
      );
    }
    openStatus.replaceChildren(
      lastOpened && context.store.isAdded(lastOpened.judge)
        ? h(
            "p",
            { "data-opened": lastOpened.judge },
            lastOpened.text,
            " ",
            h("a", { href: context.link({ view: "judge", judge: lastOpened.judge }) }, "See its profile."),
          )
        : "",
    );
    added.replaceChildren(addedJudgesTable(context));
  };

  const form = h(
    "form",
    {
      class: "add-form",
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        context.clearAlerts();
        const chosen = (form.querySelector(`input[name="${methodName}"]:checked`) as HTMLInputElement).value as JudgeFitMethod;
        void startFit(context, nameInput.value, labelsInput.files?.[0], chosen, () => refresh());
      },
    },
    h("div", { class: "field" }, h("label", { for: nameId }, "Name of the judge"), nameInput),
    h("div", { class: "field" }, h("label", { for: labelsId }, 'Labels file (a JSON array of "A"/"B", one per pair, in dataset order)'), labelsInput),
    h(
      "fieldset",
      {},
      h("legend", {}, "Fit"),
      method("mode", "Posterior mode", "the exact mode of each group's posterior; seconds", true),
      method(
        "nuts",
        "NUTS, the paper's settings",
        `${PAPER_JUDGE_FIT.folds}-fold averaging, ${PAPER_JUDGE_FIT.chains} chains of ${PAPER_JUDGE_FIT.warmup} + ${PAPER_JUDGE_FIT.samples} iterations; minutes, with 90 % intervals`,
        false,
      ),
    ),
    h("div", { class: "buttons" }, start, cancel),
    progress,
    status,
  );

  const datasetSlot = h("div", { "aria-busy": "true" }, h("p", { class: "muted" }, "Loading the dataset…"));
  void context.dataset().then(
    (dataset) => {
      datasetSlot.removeAttribute("aria-busy");
      const human = dataset.features.labels.get("human");
      datasetSlot.replaceChildren(
        datasetBanner(context, dataset),
        human
          ? h(
              "p",
              {},
              "To try it: ",
              h(
                "button",
                {
                  type: "button",
                  class: "link",
                  onclick: () => download("human-labels.json", new Blob([`${JSON.stringify(human)}\n`], { type: "application/json" })),
                },
                "download this dataset's Human labels",
              ),
              " as a labels file and add them under a new name; the new judge should land next to Human.",
            )
          : "",
      );
    },
    (error: Error) => {
      datasetSlot.replaceChildren(h("p", {}, "No dataset is loaded."));
      context.alert(error.message);
    },
  );
  refresh();
  return h(
    "div",
    { class: "view", "data-view": "add" },
    viewHeader(
      "Add your own judge",
      "Give the labels your judge chose on the loaded dataset's pairs and the 16 groups are fitted in this browser, in background workers; or open the weights pd judge add fitted. Either way the judge then appears in every view and stays until you remove it.",
    ),
    datasetSlot,
    section("Fit a new judge", form),
    section(
      "Open a judge fitted with pd judge add",
      h(
        "p",
        {},
        "Weights fitted on the command line (",
        h("code", {}, "pd judge add … --out <folder>"),
        ") open here without refitting: choose that folder, or the ",
        h("code", {}, "model_<group>_fitted_paras.jsonl"),
        " files of its ",
        h("code", {}, "weights/"),
        " folder (with its ",
        h("code", {}, "placement.json"),
        ", if you have it, to show how and on which dataset the judge was fitted).",
      ),
      h(
        "div",
        { class: "add-form" },
        h("div", { class: "field" }, h("label", { for: folderId }, "The folder pd judge add wrote"), folderInput),
        h("div", { class: "field" }, h("label", { for: filesId }, "Or its files (weights, and placement.json)"), filesInput),
        openStatus,
      ),
    ),
    section("Judges added in this browser", added),
  );
}
