/**
 * Takes the README's screenshots of the demo (one per view, 1100 × 820, the top of the page after
 * the view has drawn) from the built site into docs/images/demo/.
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

async function shoot(name: string, query: string, scrollTo?: string): Promise<void> {
  await page.goto(`${site.url}${query}`);
  if (query.includes("view=add")) await page.waitForSelector("[data-dataset]");
  else await chartsDrawn(page);
  if (scrollTo) await page.locator(scrollTo).first().scrollIntoViewIfNeeded();
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

await shoot("dissection", "?view=dissection&group=Communication&judges=human,gpt-4-1106-preview,llama-2-70b-chat&sort=preference", "figure.chart");
await shoot("similarity", "?view=similarity&group=mean&order=cluster", "figure.chart");
await shoot("judge", "?view=judge&judge=my-judge");
await shoot("pair", "?view=pair&index=12&judge=human", "[data-probability]");
await shoot("add", "?view=add", "form");

await browser.close();
await site.stop();
process.stderr.write(`screenshots written to ${out}\n`);
