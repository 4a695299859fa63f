/**
 * For the browser tests and the benchmark: the built site served the way the README says any
 * static host can serve it (`python3 -m http.server` in apps/demo/dist, loopback only), and a
 * Chromium with a fresh profile driven by playwright-core. Every request the page makes is
 * recorded, so tests can check that none leaves the machine; console errors and uncaught
 * exceptions are recorded per page.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const DIST = join(import.meta.dirname, "..", "dist");
/** The Chromium to drive: tools/ensure-chromium.sh finds it (and installs Debian's with apt, as root, when missing). */
export function chromiumPath(): string {
  const root = join(import.meta.dirname, "..", "..", "..");
  const output = execFileSync("sh", [join(root, "tools", "ensure-chromium.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  return output.trim().split("\n").at(-1)!;
}

export const SCREENSHOTS = join(import.meta.dirname, "..", "..", "..", "reports", "demo");

/** The launch flags of the browser tests and the benchmark. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Site {
  readonly url: string;
  stop(): Promise<void>;
}

/** Serves `dir` with Python's static server on a free loopback port. */
export function serveStatic(dir: string = DIST): Promise<Site> {
  const server: ChildProcess = spawn("python3", ["-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", dir], { stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /port (\d+)/.exec(output)?.[1];
      if (port === undefined) return;
      server.stdout!.off("data", onData);
      resolve({
        url: `http://127.0.0.1:${port}/`,
        stop: () =>
          new Promise<void>((done) => {
            server.once("exit", () => done());
            server.kill();
          }),
      });
    };
    server.stdout!.on("data", onData);
    server.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.once("error", reject);
    server.once("exit", (code) => reject(new Error(`python3 -m http.server exited (${code}): ${output}`)));
  });
}

export interface Browser {
  readonly context: BrowserContext;
  /** The fresh profile folder; every process of this browser names it on its command line. */
  readonly profile: string;
  /** Every URL the pages requested. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** A Chromium with a fresh profile. */
export async function launchBrowser(executablePath: string): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "pd-demo-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: CHROMIUM_FLAGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  const requests: string[] = [];
  context.on("request", (request) => requests.push(request.url()));
  return {
    context,
    profile,
    requests,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface WatchedPage {
  readonly page: Page;
  /** Console errors and uncaught exceptions, in order. */
  readonly errors: string[];
}

export async function openPage(browser: Browser, width = 1280): Promise<WatchedPage> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, errors };
}

/** Waits until every chart on the page is drawn. */
export async function chartsDrawn(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const charts = [...document.querySelectorAll("figure.chart")];
    return charts.length > 0 && charts.every((chart) => (chart as HTMLElement).dataset.ready === "true");
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
