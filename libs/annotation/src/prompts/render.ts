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

/** Names of the slots a template uses, in order of first appearance. */
export function templateSlots(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(SLOT)) {
    const name = match[1];
    if (name !== undefined && !names.includes(name)) names.push(name);
  }
  return names;
}
