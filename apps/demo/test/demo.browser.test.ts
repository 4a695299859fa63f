/**
 * The demo in a real browser: Debian's Chromium, driven by playwright-core, against the built
 * site served by `python3 -m http.server` on loopback. What the page shows and downloads is
 * checked against what the libraries compute in Node from the same released weights and the
 * same bundled synthetic dataset.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { unzipSync, strFromU8 } from "fflate";
import {
  GROUP_IDS,
  JUDGE_IDS,
  SCENARIO_IDS,
  readHfParquet,
  toFeatureDataset,
  weightsFileName,
  withAddedJudges,
  type FeatureDataset,
  type WeightSet,
} from "@prefdissect/data";
import { fitJudge } from "@prefdissect/refit";
import { loadReleasedWeights, readAddedJudges } from "@prefdissect/data/node";
import { DISSECTION_COLUMNS, dissectionRows, rowsToJson, similarityHeatmap, similarityMatrixRows } from "@prefdissect/figures";
import { explainPair, judgeProfile } from "@prefdissect/similarity";
import { describeUpstream, upstreamDataDir } from "../../../vitest.upstream.js";
import { chartsDrawn, launchBrowser, openPage, screenshot, serveStatic, type Browser, type Site, type WatchedPage } from "../scripts/site.js";

const GENERATED = join(import.meta.dirname, "..", "generated");
const PD = join(import.meta.dirname, "..", "..", "cli", "bin", "pd.js");
const SIMILARITY_COLUMNS = ["judgeA", "judgeALabel", "judgeB", "judgeBLabel", "similarity"] as const;

let site: Site;
let browser: Browser;
let released: WeightSet;
let synthetic: FeatureDataset;
const files = mkdtempSync(join(tmpdir(), "pd-demo-files-"));
let current: WatchedPage | undefined;

/** What the page is checked against: the released weights and the dataset the site bundles. */
async function loadExpected(): Promise<void> {
  released = await loadReleasedWeights({ dataDir: upstreamDataDir() });
  synthetic = toFeatureDataset(await readHfParquet(readFileSync(join(GENERATED, "synthetic.parquet")), "synthetic.parquet"));
}

/** Closes the page in use, if any, and checks it logged no console error. */
async function closePage(): Promise<void> {
  if (current === undefined) return;
  const { page, errors } = current;
  current = undefined;
  if (!page.isClosed()) {
    await page.evaluate(() => localStorage.clear());
    await page.close();
  }
  expect(errors, "console errors").toEqual([]);
}

afterEach(closePage);

/** Opens the demo at `query` in a fresh page (closing the previous one); console errors are checked when it closes. */
async function visit(query: string, width = 1280): Promise<Page> {
  await closePage();
  current = await openPage(browser, width);
  await current.page.goto(`${site.url}${query}`);
  return current.page;
}

/** The text of the download that `click` starts. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: download.suggestedFilename(), text: readFileSync((await download.path())!, "utf8") };
}

/**
 * Asserts that a downloaded rows file equals the library's: the same text with every number
 * replaced, and the same numbers to 12 significant digits (the browser's Math.exp may differ from
 * Node's in the last bit).
 */
function expectSameRows(downloadedText: string, expectedText: string): void {
  const shape = (text: string) => text.replace(/-?\d+(\.\d+)?(e[+-]?\d+)?/g, "#");
  expect(shape(downloadedText)).toBe(shape(expectedText));
  const rounded = (text: string) => JSON.parse(text, (_key, value: unknown) => (typeof value === "number" ? Number(value.toPrecision(12)) : value));
  expect(rounded(downloadedText)).toEqual(rounded(expectedText));
}

function labelsFile(name: string, content: string): string {
  const path = join(files, name);
  writeFileSync(path, content);
  return path;
}

const alerts = (page: Page) => page.locator("#alerts");

/** Polls `read` until the assertion after it holds (the page draws and fits asynchronously). */
function eventually<T>(read: () => Promise<T> | T, timeout = 30_000) {
  return expect.poll(read, { timeout, interval: 100 });
}

describeUpstream("the demo in Chromium", () => {
  beforeAll(async () => {
    await loadExpected();
    site = await serveStatic();
    browser = await launchBrowser(inject("chromium"));
  });

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  it("loads the dissection view from its URL and downloads exactly the rows the library computes", async () => {
    const judges = ["human", "qwen-72b-chat", "gpt-3.5-turbo-1106"];
    const page = await visit(`?view=dissection&group=Code&judges=${judges.join(",")}&sort=preference`);
    await chartsDrawn(page);
    await eventually(() => page.getByLabel("Group").inputValue()).toBe("Code");
    expect(await page.locator("figure.chart .chart-title").innerText()).toBe("P(p) in Code");
    const { name, text } = await downloaded(page, () => page.getByRole("button", { name: /^Download data \(JSON\)/ }).click());
    expect(name).toBe("dissection-Code.json");
    expectSameRows(text, rowsToJson(dissectionRows(released, judges, "Code"), DISSECTION_COLUMNS));
    // The image downloads are drawn from the whole spec: title and source line included.
    const svg = await downloaded(page, () => page.getByRole("button", { name: /^Download SVG/ }).click());
    expect(svg.name).toBe("dissection-Code.svg");
    expect(svg.text).toMatch(/^<svg[\s\S]*P\(p\) in Code[\s\S]*Source: the authors' released regression weights/);
    const [png] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: /^Download PNG/ }).click()]);
    expect(readFileSync((await png.path())!).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    await screenshot(page, "dissection-wide");
  });

  it("changes the URL and the chart when the group is changed in the page, and goes back", async () => {
    const page = await visit("?view=dissection&group=Code&judges=human,gpt-4-1106-preview");
    await chartsDrawn(page);
    await page.getByLabel("Group").selectOption("mean");
    await expect.poll(() => new URL(page.url()).searchParams.get("group")).toBe("mean");
    await chartsDrawn(page);
    expect(await page.locator("figure.chart .chart-title").innerText()).toBe("P(p) averaged over the 11 scenarios");
    const { text } = await downloaded(page, () => page.getByRole("button", { name: /^Download data \(JSON\)/ }).click());
    expectSameRows(text, rowsToJson(dissectionRows(released, ["human", "gpt-4-1106-preview"], "mean"), DISSECTION_COLUMNS));
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get("group")).toBe("Code");
    await chartsDrawn(page);
    expect(await page.locator("figure.chart .chart-title").innerText()).toBe("P(p) in Code");
    await eventually(() => page.getByLabel("Group").inputValue()).toBe("Code");
  });

  it("downloads the similarity matrix the notebooks draw, and opens a comparison from a cell", async () => {
    const page = await visit("?view=similarity&group=mean&order=size");
    await chartsDrawn(page);
    const { text } = await downloaded(page, () => page.getByRole("button", { name: /^Download data \(JSON\)/ }).click());
    expectSameRows(text, rowsToJson(similarityHeatmap.rows(released), SIMILARITY_COLUMNS));
    await screenshot(page, "similarity-wide");
    // The cell of Human (row) and GPT-4-Turbo (column).
    const cell = page.locator('[data-chart^="similarity"] svg path[aria-label*="judge: Human; compared with: GPT-4-Turbo"]');
    await cell.click();
    await expect.poll(() => new URL(page.url()).searchParams.get("compare")).toBe("human,gpt-4-1106-preview");
    await chartsDrawn(page);
    const shown = Number(await page.locator("[data-similarity]").getAttribute("data-similarity"));
    expect(shown).toBeCloseTo(judgeProfile(released, "human").similarities.find((entry) => entry.judge === "gpt-4-1106-preview")!.similarity, 6);
  });

  it("orders the matrix by cluster and computes one group's similarities", async () => {
    const page = await visit("?view=similarity&group=Unsafe%20Queries&order=cluster");
    await chartsDrawn(page);
    const { name, text } = await downloaded(page, () => page.getByRole("button", { name: /^Download data \(JSON\)/ }).click());
    expect(name).toBe("similarity-Unsafe_Queries-cluster.json");
    expectSameRows(text, rowsToJson(similarityMatrixRows(released, JUDGE_IDS, "Unsafe Queries", "cluster"), SIMILARITY_COLUMNS));
  });

  it("shows a judge's profile from its URL", async () => {
    const page = await visit("?view=judge&judge=qwen-72b-chat");
    await chartsDrawn(page);
    const profile = judgeProfile(released, "qwen-72b-chat");
    await eventually(() => page.locator("[data-nearest]").getAttribute("data-nearest")).toBe(profile.mostSimilar[0]!.judge);
    await eventually(() => page.getByRole("list", { name: "Least similar judges" }).getByRole("listitem").count()).toBe(5);
    await eventually(() => page.locator("table.top-bottom tbody tr").count()).toBe(16);
    await screenshot(page, "judge-wide");
  });

  it("explains a pair of the bundled synthetic dataset with the judge's exact logit", async () => {
    const page = await visit("?view=pair&index=12&judge=gpt-4-1106-preview");
    await chartsDrawn(page);
    await eventually(() => page.locator(".dataset-panel").innerText()).toContain("SYNTHETIC");
    const row = synthetic.rows[12]!;
    const expected = explainPair(released.get(row.groups[0]!)!.get("gpt-4-1106-preview")!, row.features).probabilityA;
    expect(Number(await page.locator("[data-probability]").getAttribute("data-probability"))).toBeCloseTo(expected, 6);
    await eventually(() => page.locator("[data-probability]").innerText()).toContain(`Recorded label: ${synthetic.labels.get("gpt-4-1106-preview")![12]}`);
    await eventually(() => page.locator("table.annotations tbody tr").count()).toBe(29);
    await screenshot(page, "pair-wide");
    // Browsing by group and searching the queries.
    await page.getByLabel("Browse group").selectOption("express_feeling");
    await expect.poll(() => new URL(page.url()).searchParams.get("browse")).toBe("express_feeling");
    const count = synthetic.rows.filter((r) => r.groups.includes("express_feeling")).length;
    await eventually(() => page.locator(".pair-browser [aria-live]").innerText()).toContain(`${count} matching pairs`);
    await page.getByLabel("Search queries").fill("query 1234,");
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe("query 1234,");
  });

  it("reports unknown parameters in an alert and keeps working", async () => {
    const page = await visit("?view=dissection&group=Poetry&judges=human,gpt-5");
    await chartsDrawn(page);
    await eventually(() => alerts(page).innerText()).toContain('URL parameter "group" is "Poetry", which is not a known group id');
    await eventually(() => alerts(page).innerText()).toContain('URL parameter "judges" names "gpt-5", which is not a judge here; it is left out.');
    await eventually(() => page.getByLabel("Group").inputValue()).toBe("Communication");
    const pair = await visit("?view=pair&index=99999");
    await chartsDrawn(pair);
    await eventually(() => alerts(pair).innerText()).toContain(
      'URL parameter "index" is 99999, but synthetic.parquet has 5240 pairs (0 to 5239); pair 0 is shown.',
    );
  });

  it("refuses a malformed labels file with one sentence naming the file and the first bad index", async () => {
    const page = await visit("?view=add");
    await page.locator("[data-dataset]").waitFor();
    await page.getByLabel("Name of the judge").fill("short-judge");
    await page.getByLabel(/^Labels file/).setInputFiles(labelsFile("short.json", JSON.stringify(["A", "B", "A"])));
    await page.getByRole("button", { name: "Fit and add the judge" }).click();
    await eventually(() => alerts(page).innerText()).toMatch(
      /short\.json holds 3 labels but synthetic\.parquet has 5240 pairs \(the first pair without a label is index 3\); expected one "A" or "B" per pair, in dataset order/,
    );
    const bad = synthetic.labels.get("human")!.map((label, i) => (i === 7 ? "C" : label));
    await page.getByLabel(/^Labels file/).setInputFiles(labelsFile("bad.json", JSON.stringify(bad)));
    await page.getByRole("button", { name: "Fit and add the judge" }).click();
    await eventually(() => alerts(page).innerText()).toMatch(/bad\.json: row 7 must be one of "A", "B", got "C"; expected a labels file/);
    await page.getByLabel("Name of the judge").fill("human");
    await page.getByRole("button", { name: "Fit and add the judge" }).click();
    await eventually(() => alerts(page).innerText()).toMatch(/name "human" is already a judge; choose another name/);
  });

  it("adds a judge from the dataset's Human labels and places it next to Human (about 0.78)", async () => {
    const page = await visit("?view=add");
    await page.getByLabel("Name of the judge").fill("human-again");
    await page.getByLabel(/^Labels file/).setInputFiles(labelsFile("human-labels.json", JSON.stringify(synthetic.labels.get("human"))));
    await page.getByRole("button", { name: "Fit and add the judge" }).click();
    await eventually(() => page.locator('[data-outcome="human-again"]').innerText(), 60_000).toContain("Its most similar judge is Human");
    await screenshot(page, "add-wide");

    // The judge is in every view, and it survives a reload.
    await page.reload();
    await page.locator('tr[data-judge="human-again"]').waitFor();
    await page.goto(`${site.url}?view=judge&judge=human-again`);
    await chartsDrawn(page);
    await eventually(() => page.locator("[data-nearest]").getAttribute("data-nearest")).toBe("human");
    const { text } = await downloaded(page, () => page.getByRole("button", { name: "Download the profile (JSON)" }).click());
    const profile = JSON.parse(text) as { mostSimilar: { judge: string; similarity: number }[] };
    expect(profile.mostSimilar[0]!.judge).toBe("human");
    expect(profile.mostSimilar[0]!.similarity).toBeGreaterThan(0.74);
    expect(profile.mostSimilar[0]!.similarity).toBeLessThan(0.84);
    expect(profile.mostSimilar[1]!.similarity).toBeLessThan(profile.mostSimilar[0]!.similarity);
    await page.goto(`${site.url}?view=dissection&group=mean&judges=human,human-again`);
    await chartsDrawn(page);
    await page.goto(`${site.url}?view=similarity&group=Code`);
    await chartsDrawn(page);
    await eventually(() => page.locator("figure.chart .chart-title").first().innerText()).toBe("Similarity of 34 judges in Code");

    // Its weights download in the released layout; removing it takes it out of every view.
    await page.goto(`${site.url}?view=add`);
    const [zip] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download the weights of human-again" }).click()]);
    expect(zip.suggestedFilename()).toBe("human-again-weights.zip");
    const unzipped = unzipSync(readFileSync((await zip.path())!));
    expect(Object.keys(unzipped).sort()).toEqual(GROUP_IDS.map((group) => `weights/${weightsFileName(group)}`).sort());
    const code = JSON.parse(strFromU8(unzipped[`weights/${weightsFileName("Code")}`]!)) as { model_name: string; parameters: number[] };
    expect(code.model_name).toBe("human-again");
    const fitted = await fitJudge(synthetic, "human-again", synthetic.labels.get("human"), { groups: ["Code"] });
    expect(code.parameters.map((w) => Number(w.toPrecision(10)))).toEqual(fitted.groups[0]!.mean.map((w) => Number(w.toPrecision(10))));
    await page.getByRole("button", { name: "Remove human-again" }).click();
    await eventually(() => page.locator('tr[data-judge="human-again"]').count()).toBe(0);
    await page.goto(`${site.url}?view=judge&judge=human-again`);
    await eventually(() => alerts(page).innerText()).toContain('URL parameter "judge" names "human-again", which is not a judge here');
  });

  it("opens the folder pd judge add wrote and shows the judge beside the 33, as a judge fitted here", async () => {
    // The real command on the bundled synthetic dataset, with its Human labels, placed against the released weights.
    const out = join(files, "cli-judge-out");
    const labels = labelsFile("cli-labels.json", JSON.stringify(synthetic.labels.get("human")));
    execFileSync(
      process.execPath,
      [PD, "judge", "add", "--data", join(GENERATED, "synthetic.parquet"), "--labels", labels, "--name", "cli-judge", "--fast", "--out", out],
      {
        env: { ...process.env, PD_DATA_DIR: upstreamDataDir() },
        stdio: ["ignore", "ignore", "inherit"],
      },
    );
    const page = await visit("?view=add");
    await page.getByLabel("The folder pd judge add wrote").setInputFiles(out);
    await eventually(() => page.locator('[data-opened="cli-judge"]').innerText()).toMatch(
      /^Opened cli-judge from cli-judge-out \(pd judge add, posterior mode\)\. Its most similar judge is Human \(similarity 0\.\d{3}\)\./,
    );
    await eventually(() => page.locator('tr[data-judge="cli-judge"] td').allInnerTexts()).toEqual([
      "pd judge add, posterior mode",
      `${join(GENERATED, "synthetic.parquet")} (SYNTHETIC)`,
      expect.stringContaining("Download weights"),
    ]);
    await screenshot(page, "add-opened-wide");

    // In the similarity matrix: exactly the rows the library computes from the released weights and the folder.
    const merged = withAddedJudges(released, await readAddedJudges([out]));
    await page.goto(`${site.url}?view=similarity&group=mean&compare=human,cli-judge`);
    await chartsDrawn(page);
    await eventually(() => page.locator("figure.chart .chart-title").first().innerText()).toBe("Similarity of 34 judges averaged over the 11 scenarios");
    const { text } = await downloaded(page, () =>
      page
        .getByRole("button", { name: /^Download data \(JSON\)/ })
        .first()
        .click(),
    );
    expectSameRows(text, rowsToJson(similarityMatrixRows(merged, [...JUDGE_IDS, "cli-judge"], "mean", "size"), SIMILARITY_COLUMNS));
    const shown = Number(await page.locator("[data-similarity]").getAttribute("data-similarity"));
    expect(shown).toBeCloseTo(judgeProfile(merged, "cli-judge").similarities.find((entry) => entry.judge === "human")!.similarity, 6);
    expect(await page.locator("figure.chart .chart-subtitle").first().innerText()).toContain("fitted with pd judge add: cli-judge (SYNTHETIC data)");
    await screenshot(page, "similarity-opened-wide");

    // The other views take it from their URLs, after a reload too.
    await page.goto(`${site.url}?view=judge&judge=cli-judge`);
    await chartsDrawn(page);
    await eventually(() => page.locator("[data-nearest]").getAttribute("data-nearest")).toBe(judgeProfile(merged, "cli-judge").mostSimilar[0]!.judge);
    await page.goto(`${site.url}?view=dissection&group=Code&judges=human,cli-judge`);
    await chartsDrawn(page);
    const dissection = await downloaded(page, () => page.getByRole("button", { name: /^Download data \(JSON\)/ }).click());
    expectSameRows(dissection.text, rowsToJson(dissectionRows(merged, ["human", "cli-judge"], "Code"), DISSECTION_COLUMNS));
    await page.goto(`${site.url}?view=pair&index=12&judge=cli-judge`);
    await chartsDrawn(page);
    const row = synthetic.rows[12]!;
    const expected = explainPair(merged.get(row.groups[0]!)!.get("cli-judge")!, row.features).probabilityA;
    expect(Number(await page.locator("[data-probability]").getAttribute("data-probability"))).toBeCloseTo(expected, 6);
    await expect.poll(() => alerts(page).innerText()).toBe("");

    // A damaged copy of the folder is refused with one sentence naming the file, line and field.
    await page.goto(`${site.url}?view=add`);
    await page.getByRole("button", { name: "Remove cli-judge" }).click();
    await eventually(() => page.locator('tr[data-judge="cli-judge"]').count()).toBe(0);
    const damaged = join(files, "damaged-out");
    cpSync(out, damaged, { recursive: true });
    const code = join(damaged, "weights", weightsFileName("Code"));
    writeFileSync(code, readFileSync(code, "utf8").replace('"cli-judge"', '"gpt-4-1106-preview"'));
    await page.getByLabel("The folder pd judge add wrote").setInputFiles(damaged);
    await eventually(() => alerts(page).innerText()).toMatch(
      /damaged-out\/weights\/model_Code_fitted_paras\.jsonl:1: field "model_name" "gpt-4-1106-preview" is not an added judge's id/,
    );
    expect(await page.locator('tr[data-judge="cli-judge"]').count()).toBe(0);
  });

  it("runs the paper's NUTS procedure in workers with progress and an estimate, and cancels it", async () => {
    const page = await visit("?view=add");
    await page.getByLabel("Name of the judge").fill("nuts-judge");
    await page.getByLabel(/^Labels file/).setInputFiles(labelsFile("nuts-labels.json", JSON.stringify(synthetic.labels.get("qwen-72b-chat"))));
    await page.getByLabel(/^NUTS, the paper's settings/).check();
    await page.getByRole("button", { name: "Fit and add the judge" }).click();
    await eventually(() => page.locator(".fit-status").innerText(), 90_000).toMatch(/NUTS, the paper's settings: \d+ of 160 fits done, about .+ left\./);
    expect(Number(await page.locator("progress").getAttribute("value"))).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Cancel" }).click();
    await eventually(() => page.locator('[data-outcome="nuts-judge"]').innerText()).toBe("The fit of nuts-judge was cancelled; nothing was added.");
    await eventually(() => page.locator('tr[data-judge="nuts-judge"]').count()).toBe(0);
  });

  it("opens a dataset file in the browser and explains its pairs", async () => {
    const page = await visit("?view=pair&index=0");
    await page.locator("[data-dataset]").waitFor();
    const fixture = join(import.meta.dirname, "..", "..", "..", "libs", "data", "test", "fixtures", "pairs-8.jsonl");
    await page.getByLabel(/^Open another dataset/).setInputFiles(fixture);
    await eventually(() => page.locator("[data-dataset]").getAttribute("data-dataset")).toBe("pairs-8.jsonl");
    await eventually(() => page.locator(".pair-browser [aria-live]").innerText()).toContain("8 matching pairs");
    await chartsDrawn(page);
    await page.getByLabel(/^Open another dataset/).setInputFiles(labelsFile("broken.jsonl", '{"id": 3}\n'));
    await eventually(() => alerts(page).innerText()).toMatch(/broken\.jsonl:1: field "id"/);
    await eventually(() => page.locator("[data-dataset]").getAttribute("data-dataset")).toBe("pairs-8.jsonl");
  });

  it("fits every view into a phone's width and a wide screen without sideways scrolling", async () => {
    for (const [name, query] of [
      ["dissection", "?view=dissection"],
      ["similarity", "?view=similarity&compare=human,gpt-4-1106-preview"],
      ["judge", "?view=judge&judge=human"],
      ["pair", "?view=pair&index=3"],
      ["add", "?view=add"],
    ] as const) {
      for (const width of [375, 1920]) {
        const page = await visit(query, width);
        if (name === "add") await page.locator("[data-dataset]").waitFor();
        else await chartsDrawn(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} at ${width} px scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
        await screenshot(page, `${name}-${width === 375 ? "phone" : "wide-screen"}`);
      }
    }
  });

  it("labels every control and reaches them with the keyboard", async () => {
    for (const query of ["?view=dissection", "?view=similarity", "?view=judge", "?view=pair", "?view=add"]) {
      const page = await visit(query);
      if (query === "?view=add") await page.locator("[data-dataset]").waitFor();
      else await chartsDrawn(page);
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll("input, select, button, textarea")]
          .filter((element) => {
            const control = element as HTMLInputElement;
            const named =
              (control.labels?.length ?? 0) > 0 || control.getAttribute("aria-label") || (element.tagName === "BUTTON" && element.textContent!.trim() !== "");
            return !named;
          })
          .map((element) => element.outerHTML.slice(0, 80)),
      );
      expect(unlabelled, query).toEqual([]);
      // Tabbing from the top reaches the view's first control.
      await page.keyboard.press("Tab");
      let reached = false;
      for (let i = 0; i < 12 && !reached; i++) {
        await page.keyboard.press("Tab");
        reached = await page.evaluate(
          () => document.activeElement?.closest("main") !== null && /^(SELECT|INPUT|BUTTON|SUMMARY|A)$/.test(document.activeElement!.tagName),
        );
      }
      expect(reached, `${query}: no control of the view reached with Tab`).toBe(true);
    }
  });

  it("never requests anything from outside the loopback server", () => {
    expect(browser.requests.length).toBeGreaterThan(20);
    const outside = browser.requests.filter((url) => !url.startsWith(site.url) && !url.startsWith("blob:") && !url.startsWith("data:"));
    expect(outside).toEqual([]);
  });
});

describeUpstream("the bundled data", () => {
  beforeAll(loadExpected);

  it("is the released weights and the synthetic dataset, with nothing missing", () => {
    const bundled = JSON.parse(readFileSync(join(GENERATED, "released-weights.json"), "utf8")) as { files: { group: string }[] };
    expect(bundled.files.map((file) => file.group).sort()).toEqual([...released.keys()].sort());
    expect(synthetic.source.synthetic).toBe(true);
    expect(synthetic.rows).toHaveLength(5240);
    expect(SCENARIO_IDS.every((group) => synthetic.rows.some((row) => row.groups.includes(group)))).toBe(true);
  });
});
