/**
 * One chart on the page: a Vega-Lite spec from the figures library rendered with vega-embed
 * (expressions interpreted, no eval, no network), with "Download data (JSON)" — the exact rows
 * plotted, in the notebooks' row shapes — and "Download SVG" / "Download PNG".
 *
 * On the page the spec's title and subtitle are set as HTML above the chart, where they wrap on a
 * narrow screen; the downloads are drawn from the whole spec, title and source line included, at
 * a fixed width.
 */
import embed, { type Result } from "vega-embed";
import { Error as ERRORS_ONLY, View, parse } from "vega";
import { expressionInterpreter } from "vega-interpreter";
import { compile, type TopLevelSpec } from "vega-lite";
import { download, h } from "./dom.js";

export interface ChartOptions<Row extends object> {
  /** File stem of the downloads, e.g. `dissection-Communication`. */
  readonly name: string;
  /** What the chart shows, for the download buttons' accessible names. */
  readonly title: string;
  readonly rows: readonly Row[];
  /** The rows as written by "Download data (JSON)". */
  readonly json: () => string;
  /** Lets a wide chart scroll inside its box instead of the page scrolling sideways. */
  readonly scroll?: boolean;
}

export interface ShownChart {
  readonly element: HTMLElement;
  /** Resolves once the chart is drawn, with the Vega view (for click handlers). */
  readonly ready: Promise<Result>;
}

/** Width of downloaded images whose chart fills its container on the page. */
const DOWNLOAD_WIDTH = 900;

/** The whole spec drawn off-screen, for the downloads. */
async function downloadView(spec: TopLevelSpec): Promise<View> {
  const { width } = spec as { width?: unknown };
  const fixed = (width === "container" ? { ...spec, width: DOWNLOAD_WIDTH, autosize: { type: "pad" } } : spec) as TopLevelSpec;
  const view = new View(parse(compile(fixed).spec, undefined, { ast: true }), { renderer: "none", expr: expressionInterpreter, logLevel: ERRORS_ONLY });
  await view.runAsync();
  return view;
}

async function pngOf(spec: TopLevelSpec): Promise<Blob> {
  const view = await downloadView(spec);
  const canvas = (await view.toCanvas(2)) as unknown as HTMLCanvasElement;
  view.finalize();
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the PNG could not be made"))), "image/png"));
}

async function svgOf(spec: TopLevelSpec): Promise<Blob> {
  const view = await downloadView(spec);
  const svg = await view.toSVG();
  view.finalize();
  return new Blob([svg], { type: "image/svg+xml" });
}

/** A figure with the chart and its download buttons; the chart draws once the element is in the page. */
export function chart<Row extends object>(spec: TopLevelSpec, options: ChartOptions<Row>): ShownChart {
  const { title, ...onPage } = spec as TopLevelSpec & { title?: { text?: string; subtitle?: string[] } };
  const target = h("div", { class: "chart-canvas" });
  const button = (label: string, action: () => Promise<void> | void) =>
    h("button", { type: "button", class: "secondary", "aria-label": `${label} of ${options.title}`, onclick: () => void action() }, label);
  const element = h(
    "figure",
    { class: options.scroll ? "chart scroll" : "chart", "data-chart": options.name },
    title?.text ? h("p", { class: "chart-title" }, title.text) : null,
    title?.subtitle?.length ? h("p", { class: "chart-subtitle" }, title.subtitle.join(" ")) : null,
    h(
      "div",
      options.scroll ? { class: "chart-scroll", tabindex: 0, role: "region", "aria-label": `${options.title} (scrolls sideways)` } : { class: "chart-box" },
      target,
    ),
    h(
      "figcaption",
      { class: "chart-actions" },
      button("Download data (JSON)", () => download(`${options.name}.json`, new Blob([options.json()], { type: "application/json" }))),
      button("Download SVG", async () => download(`${options.name}.svg`, await svgOf(spec))),
      button("Download PNG", async () => download(`${options.name}.png`, await pngOf(spec))),
    ),
  );
  const ready = new Promise<Result>((resolve, reject) => {
    // vega-embed measures the container for "container" widths, so draw once it is attached.
    requestAnimationFrame(() => {
      embed(target, onPage as TopLevelSpec, {
        actions: false,
        renderer: "svg",
        ast: true,
        expr: expressionInterpreter,
        tooltip: { theme: "light" },
        // Vega-Lite notes that a "container" width drops fit-y; the page wants exactly that.
        logLevel: ERRORS_ONLY,
      })
        .then((result) => {
          element.dataset.ready = "true";
          resolve(result);
        })
        .catch(reject);
    });
  });
  return { element, ready };
}
