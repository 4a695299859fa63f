/**
 * Turns a prompt template and its inputs into chat messages. Slots are written `{{name}}`; the
 * template is scanned once, so text inside the inputs (a query that happens to contain `{{x}}`)
 * is never expanded.
 */
export interface ChatMessage {
  readonly role: "system" | "user";
  readonly content: string;
}

const SLOT = /\{\{([a-z_]+)\}\}/g;

/** Fills every `{{name}}` slot of `template`; a slot without a value is a programming error. */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(SLOT, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`template slot "{{${name}}}" has no value`);
    return value;
  });
}

/**
 * The inverse of `fillTemplate`: the slot values that turn `template` into `text`, or `undefined`
 * when `text` is not a filling of it. Each slot takes the shortest text that lets the rest match:
 * the split is ambiguous only when a value contains the literal text that follows its slot.
 */
export function matchTemplate(template: string, text: string): Record<string, string> | undefined {
  const names: string[] = [];
  let pattern = "";
  let last = 0;
  for (const match of template.matchAll(SLOT)) {
    pattern += escapeRegExp(template.slice(last, match.index));
    const name = match[1]!;
    // A slot used twice must hold the same text both times.
    pattern += names.includes(name) ? `\\k<${name}>` : `(?<${name}>[\\s\\S]*?)`;
    if (!names.includes(name)) names.push(name);
    last = match.index + match[0].length;
  }
  pattern += escapeRegExp(template.slice(last));
  const found = new RegExp(`^${pattern}$`).exec(text);
  if (found === null) return undefined;
  return Object.fromEntries(names.map((name) => [name, found.groups![name]!]));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Names of the slots a template uses, in order of first appearance. */
export function templateSlots(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(SLOT)) {
    const name = match[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}
