/**
 * The page: header with the views, the alert region, the current view, and the footer that says
 * where the numbers come from. The state is the query string (url-state.ts); every change of a
 * control pushes a new URL and redraws the view, and back/forward redraw the view they return to.
 */
import { describeSource } from "@prefdissect/figures";
import { h } from "./dom.js";
import { JudgeStore, type AddedJudge } from "./judges-store.js";
import { loadBundledDataset, type LoadedDataset } from "./dataset.js";
import { formatState, parseState, withChanges, VIEWS, type DemoState, type ViewName } from "./url-state.js";
import { dissectionView } from "./views/dissection.js";
import { similarityView } from "./views/similarity.js";
import { judgeView } from "./views/judge.js";
import { pairView } from "./views/pair.js";
import { addView } from "./views/add.js";

export interface AppContext {
  readonly state: DemoState;
  readonly store: JudgeStore;
  /** Applies `patch` to the state: a new history entry (or, with `replace`, the current one) and a redraw. */
  navigate(patch: Partial<DemoState>, options?: { replace?: boolean }): void;
  /** The URL of the state with `patch` applied (for links). */
  link(patch: Partial<DemoState>): string;
  /** Shows one sentence in the alert region; the page keeps working. */
  alert(message: string): void;
  clearAlerts(): void;
  /** The dataset the pair and add views use (the bundled synthetic one until a file is opened). */
  dataset(): Promise<LoadedDataset>;
  setDataset(dataset: LoadedDataset): void;
  /** The source line printed under chart titles. */
  sourceLabel(judges: readonly string[]): string;
}

const VIEW_TITLES: Record<ViewName, string> = {
  dissection: "Dissection",
  similarity: "Similarity",
  judge: "Judge profile",
  pair: "Explain a pair",
  add: "Add a judge",
};

const RENDER: Record<ViewName, (context: AppContext) => HTMLElement> = {
  dissection: dissectionView,
  similarity: similarityView,
  judge: judgeView,
  pair: pairView,
  add: addView,
};

export function startApp(root: HTMLElement): void {
  const store = new JudgeStore();
  const alertRegion = h("div", { id: "alerts", role: "alert", class: "alerts" });
  const nav = h("nav", { "aria-label": "Views" });
  const main = h("main", { id: "main", tabindex: -1 });
  let dataset: Promise<LoadedDataset> | undefined;
  let state: DemoState;

  const clearAlerts = () => alertRegion.replaceChildren();
  const alert = (message: string) => {
    if ([...alertRegion.querySelectorAll("p")].some((p) => p.textContent === message)) return;
    const item: HTMLDivElement = h(
      "div",
      { class: "alert" },
      h("p", {}, message),
      h("button", { type: "button", class: "secondary", "aria-label": "Dismiss this message", onclick: () => item.remove() }, "Dismiss"),
    );
    alertRegion.append(item);
  };

  const context = (): AppContext => ({
    state,
    store,
    navigate(patch, options = {}) {
      const next = withChanges(state, patch);
      const search = formatState(next);
      if (options.replace) history.replaceState(null, "", search);
      else history.pushState(null, "", search);
      clearAlerts();
      render(false);
    },
    link: (patch) => formatState(withChanges(state, patch)),
    alert,
    clearAlerts,
    dataset() {
      dataset ??= loadBundledDataset();
      dataset.catch(() => (dataset = undefined));
      return dataset;
    },
    setDataset(loaded) {
      dataset = Promise.resolve(loaded);
    },
    sourceLabel(judges) {
      const added = store.addedJudges().filter((judge) => judges.includes(judge.id));
      const data = (judge: AddedJudge) => (judge.dataset === null ? "data not known" : judge.dataset.synthetic ? "SYNTHETIC data" : judge.dataset.file);
      const listed = (opened: boolean) =>
        added
          .filter((judge) => (judge.openedFrom !== undefined) === opened)
          .map((judge) => `${judge.id} (${data(judge)})`)
          .join(", ");
      const parts = [describeSource("released")];
      if (listed(false) !== "") parts.push(`fitted in this browser: ${listed(false)}`);
      if (listed(true) !== "") parts.push(`fitted with pd judge add: ${listed(true)}`);
      return parts.join("; ");
    },
  });

  const render = (fromUrl: boolean) => {
    const parsed = parseState(location.search, store.judgeIds());
    state = parsed.state;
    if (fromUrl) for (const problem of parsed.problems) alert(problem);
    document.title = `${VIEW_TITLES[state.view]} · Dissecting human and LLM preferences`;
    nav.replaceChildren(
      h(
        "ul",
        {},
        VIEWS.map((view) =>
          h(
            "li",
            {},
            h(
              "a",
              { href: formatState(withChanges(state, { view })), "aria-current": view === state.view ? "page" : undefined, "data-view": view },
              VIEW_TITLES[view],
            ),
          ),
        ),
      ),
    );
    try {
      main.replaceChildren(RENDER[state.view](context()));
    } catch (error) {
      alert(`The ${VIEW_TITLES[state.view].toLowerCase()} view could not be drawn: ${(error as Error).message}`);
      main.replaceChildren();
    }
  };

  // Links inside the page change the state without reloading it.
  root.addEventListener("click", (event) => {
    const link = (event.target as Element).closest("a");
    if (
      !link ||
      link.target ||
      link.hasAttribute("download") ||
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey
    )
      return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname !== location.pathname) return;
    event.preventDefault();
    history.pushState(null, "", url.search);
    clearAlerts();
    render(true);
    main.focus({ preventScroll: true });
  });
  window.addEventListener("popstate", () => {
    clearAlerts();
    render(true);
  });
  window.addEventListener("unhandledrejection", (event) => {
    event.preventDefault();
    alert(String((event.reason as Error)?.message ?? event.reason));
  });

  root.replaceChildren(
    h(
      "a",
      {
        class: "skip",
        href: "#main",
        onclick: (event) => {
          event.preventDefault();
          main.focus();
        },
      },
      "Skip to the view",
    ),
    h(
      "header",
      {},
      h(
        "div",
        { class: "brand" },
        h("h1", {}, "Dissecting human and LLM preferences"),
        h("p", {}, "What 33 judges reward, property by property — and where your own judge lands."),
      ),
      nav,
    ),
    alertRegion,
    main,
    h(
      "footer",
      {},
      h(
        "p",
        {},
        "Weights: the authors' released regression weights (Li et al., ACL 2024; GAIR-NLP/Preference-Dissection @ ebaeb8a), plus any judge you add here. ",
        "Everything is computed in this page; no file you open and no label you upload leaves this browser.",
      ),
    ),
  );
  if (store.loadProblem) alert(store.loadProblem);
  render(true);
}
