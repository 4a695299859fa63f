/**
 * Takes the README's screenshots of the demo (one per view, 1100 × 820, after the view has drawn;
 * a judge "my-judge" is added first from the synthetic dataset's Human labels) from the built
 * site into docs/images/demo/.
 *
 *   make demo-build && npx tsx --conditions=@prefdissect/source apps/demo/scripts/readme-screenshots.ts
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readHfParquet } from "@prefdissect/data";
import { chartsDrawn, chromiumPath, launchBrowser, serveStatic } from "./site.js";

const out = join(import.meta.dirname, "..", "..", "..", "docs", "images", "demo");
mkdirSync(out, { recursive: true });
const site = await serveStatic();
const browser = await launchBrowser(chromiumPath());
const page = await browser.context.newPage();
await page.setViewportSize({ width: 1100, height: 820 });

/** Scrolls so that the element `selector` is at the top of the window (no scrolling without one). */
async function scrollTo(selector: string | undefined): Promise<void> {
  if (selector !== undefined)
    await page
      .locator(selector)
      .first()
      .evaluate((element) => element.scrollIntoView({ block: "start" }));
}

async function shoot(name: string, query: string, top?: string): Promise<void> {
  await page.goto(`${site.url}${query}`);
  await chartsDrawn(page);
  await scrollTo(top);
  await page.screenshot({ path: join(out, `${name}.png`) });
}

// Add a judge first, so the add view shows one and the other views can include it.
const dataset = await readHfParquet(readFileSync(join(import.meta.dirname, "..", "generated", "synthetic.parquet")), "synthetic.parquet");
const labels = join(mkdtempSync(join(tmpdir(), "pd-demo-shots-")), "my-judge-labels.json");
writeFileSync(labels, JSON.stringify(dataset.pairs.map((pair) => pair.labels.human)));
await page.goto(`${site.url}?view=add`);
await page.waitForSelector("[data-dataset]");
await page.getByLabel("Name of the judge").fill("my-judge");
await page.getByLabel(/^Labels file/).setInputFiles(labels);
await page.getByRole("button", { name: "Fit and add the judge" }).click();
await page.waitForSelector('[data-outcome="my-judge"]', { timeout: 120_000 });
await scrollTo("section:has(form) h2");
await page.screenshot({ path: join(out, "add.png") });

await shoot("dissection", "?view=dissection&group=Communication&judges=human,gpt-4-1106-preview,my-judge&sort=preference");
await shoot("similarity", "?view=similarity&group=mean&order=cluster");
await shoot("judge", "?view=judge&judge=my-judge");
await shoot("pair", "?view=pair&index=12&judge=human", "section:has([data-probability]) h2");

await browser.close();
await site.stop();
process.stderr.write(`screenshots written to ${out}\n`);
