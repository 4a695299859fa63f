/** Small helpers to build the page's elements. */

type Attributes = Record<string, string | number | boolean | undefined | null | ((event: Event) => void)>;
type Child = Node | string | number | null | undefined | false;

/** An element with attributes (`on…` keys become listeners; false/null/undefined are left out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, "");
    else element.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

let nextId = 0;
/** A page-unique element id with a readable prefix. */
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A labelled <select>; `options` are [value, label] pairs or option groups. */
export function labelledSelect(
  label: string,
  value: string,
  options: readonly (readonly [string, string] | { group: string; options: readonly (readonly [string, string])[] })[],
  onChange: (value: string) => void,
  name?: string,
): HTMLElement {
  const id = uniqueId(name ?? "select");
  const select = h("select", { id, name: name ?? id, onchange: (event) => onChange((event.target as HTMLSelectElement).value) });
  const option = ([optionValue, optionLabel]: readonly [string, string]) => h("option", { value: optionValue, selected: optionValue === value }, optionLabel);
  for (const entry of options) {
    if ("group" in entry) select.append(h("optgroup", { label: entry.group }, entry.options.map(option)));
    else select.append(option(entry));
  }
  return h("div", { class: "field" }, h("label", { for: id }, label), select);
}

/** Offers `content` as a file download named `name`. */
export function download(name: string, content: Blob): void {
  const url = URL.createObjectURL(content);
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name safe on every system, from parts like a view and a group. */
export function fileName(...parts: string[]): string {
  return parts.map((part) => part.replace(/[^A-Za-z0-9._-]+/g, "_")).join("-");
}

/** A number with fixed decimals and a true minus sign. */
export function formatNumber(value: number, digits = 2): string {
  return value.toFixed(digits).replace(/^-/, "−");
}
