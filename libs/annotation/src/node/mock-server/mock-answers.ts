/**
 * Deterministic, plausible answers for every prompt of the catalog, so the whole pipeline runs
 * against the loopback server without a key. The server recognises a prompt by its system message
 * and reads the inputs back from the tagged sections of the user message. Scores are derived from
 * a hash of the inputs plus a few surface heuristics (lists look formatted, shared words look
 * relevant); they mean nothing, but they are stable and exercise every branch of the format —
 * including queries that trigger each query-specific case.
 */
import { PROMPTS, PROMPT_IDS, promptProperties, type PromptId } from "../../prompts/catalog.js";

/** 32-bit FNV-1a hash. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

const bySystemMessage = new Map<string, PromptId>(PROMPT_IDS.map((id) => [PROMPTS[id].system, id]));

/** Which catalog prompt a system message belongs to. */
export function promptIdOfSystemMessage(system: string): PromptId | undefined {
  return bySystemMessage.get(system);
}

/** The text between `<tag>` and `</tag>` (first occurrence), trimmed of the surrounding newlines. */
export function taggedSection(text: string, tag: string): string | undefined {
  const open = `<${tag}>`;
  const start = text.indexOf(open);
  if (start < 0) return undefined;
  const end = text.indexOf(`</${tag}>`, start + open.length);
  if (end < 0) return undefined;
  return text
    .slice(start + open.length, end)
    .replace(/^\n/, "")
    .replace(/\n$/, "");
}

function jsonList(text: string | undefined): string[] {
  if (text === undefined) return [];
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

const score = (seed: string) => fnv1a(seed) % 4;

function referenceAnswer(query: string): string {
  const topic = query.replace(/\s+/g, " ").trim().slice(0, 80);
  return `Here is a careful answer to "${topic}".\n\n1. Restate what is asked.\n2. Answer it step by step.\n3. Check the result.`;
}

const CONSTRAINT_CUES =
  /\b(concise|briefly|words?|sentences?|paragraphs?|list|bullet|format|json|table|at least|at most|no more than|only|must|should|don't|do not|in the style)\b/i;
const FEELING_CUES =
  /\b(i feel|i'm (sad|happy|worried|scared|anxious|excited|upset|lonely|stressed)|i am (sad|happy|worried|scared|anxious|excited|upset|lonely|stressed)|frustrat|depress)/i;
const STANCE_CUES = /\b(i think|i believe|in my opinion|i prefer|i love|i hate|obviously|clearly)\b/i;

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

function queryAnalysis(query: string): object {
  const parts = sentences(query);
  const wordCount = query.trim().split(/\s+/).length;
  return {
    clear_intent: wordCount >= 4 ? "yes" : "no",
    expresses_feelings: FEELING_CUES.test(query) ? "yes" : "no",
    explicit_constraints: parts.filter((part) => CONSTRAINT_CUES.test(part)).slice(0, 3),
    subjective_stances: parts.filter((part) => STANCE_CUES.test(part)).slice(0, 2),
    mistakes_or_biases: fnv1a(`mistake:${query}`) % 5 === 0 ? [parts[0] ?? query.slice(0, 60)] : [],
  };
}

function looksFormatted(response: string): boolean {
  return /^\s*(\d+[.)]|[-*•]|#{1,6})\s/m.test(response) || response.includes("```") || response.includes("|---");
}

function rateQueryFree(response: string): Record<string, number> {
  const ratings: Record<string, number> = {};
  for (const { key } of promptProperties("basic-query-free")) {
    const hashed = score(`${key}:${response}`);
    if (key === "harmless") ratings[key] = 3;
    else if (key === "language_correct" || key === "clear") ratings[key] = 2 + (hashed % 2);
    else if (key === "well_formatted") ratings[key] = looksFormatted(response) ? 3 : hashed % 2;
    else if (key === "repetitive") ratings[key] = hashed % 2;
    else if (key === "rich_information") ratings[key] = Math.min(3, Math.floor(response.length / 200) + (hashed % 2));
    else ratings[key] = hashed;
  }
  return ratings;
}

function rateQueryAware(query: string, response: string): Record<string, number> {
  const queryWords = new Set(query.toLowerCase().match(/[a-z]{4,}/g) ?? []);
  const shared = (response.toLowerCase().match(/[a-z]{4,}/g) ?? []).some((word) => queryWords.has(word));
  const hashed = score(`relevant:${query}:${response}`);
  return { relevant: shared ? 2 + (hashed % 2) : hashed % 2, novel: score(`novel:${response}`) };
}

const SEVERITY_ORDER = ["minor", "moderate", "severe"] as const;
const ERROR_TYPES = ["factual error", "contradicts the query", "math error", "code error"] as const;

function errorCheck(query: string, response: string): object {
  if (/\b(today|latest|current|news|this week|right now)\b/i.test(query)) {
    return { accuracy_check: "not applicable", errors: [] };
  }
  const count = fnv1a(`errors:${response}`) % 3;
  const errors = Array.from({ length: count }, (_unused, index) => ({
    description: `Statement ${index + 1} does not hold.`,
    type: ERROR_TYPES[fnv1a(`type:${index}:${response}`) % ERROR_TYPES.length],
    severity: SEVERITY_ORDER[fnv1a(`severity:${index}:${response}`) % 3],
  }));
  return { accuracy_check: "applicable", errors };
}

const STANCES = ["strongly supported", "weakly supported", "neutral", "weakly opposed", "strongly opposed"];
const MISTAKE_HANDLING = [
  "pointed out and corrected",
  "corrected without being pointed out",
  "pointed out but not corrected",
  "neither pointed out nor corrected",
];

function querySpecific(user: string, response: string): object {
  const answer: Record<string, unknown> = {};
  if (user.includes("clarify_intent:")) answer.clarify_intent = score(`clarify:${response}`);
  if (user.includes("show_empathy:")) answer.show_empathy = score(`empathy:${response}`);
  const constraints = jsonList(taggedSection(user, "constraints"));
  if (constraints.length > 0) answer.constraints = constraints.map((item) => score(`constraint:${item}:${response}`));
  const stances = jsonList(taggedSection(user, "stances"));
  if (stances.length > 0) answer.stances = stances.map((item) => STANCES[fnv1a(`stance:${item}:${response}`) % STANCES.length]);
  const mistakes = jsonList(taggedSection(user, "mistakes"));
  if (mistakes.length > 0) {
    answer.mistakes = mistakes.map((item) => MISTAKE_HANDLING[fnv1a(`mistake:${item}:${response}`) % MISTAKE_HANDLING.length]);
  }
  return answer;
}

/**
 * The answer text for a request with these messages, or `undefined` when the system message is
 * not one of the catalog's prompts.
 */
export function mockAnswer(system: string, user: string): { promptId: PromptId; text: string } | undefined {
  const promptId = promptIdOfSystemMessage(system);
  if (promptId === undefined) return undefined;
  const query = taggedSection(user, "query") ?? user;
  const responseA = taggedSection(user, "response_a") ?? "";
  const responseB = taggedSection(user, "response_b") ?? "";
  switch (promptId) {
    case "reference-answer":
      return { promptId, text: referenceAnswer(user) };
    case "query-analysis":
      return { promptId, text: JSON.stringify(queryAnalysis(query)) };
    case "basic-query-free":
      return { promptId, text: JSON.stringify({ response_a: rateQueryFree(responseA), response_b: rateQueryFree(responseB) }) };
    case "basic-query-aware":
      return {
        promptId,
        text: JSON.stringify({ response_a: rateQueryAware(query, responseA), response_b: rateQueryAware(query, responseB) }),
      };
    case "error-detection":
      return { promptId, text: JSON.stringify({ response_a: errorCheck(query, responseA), response_b: errorCheck(query, responseB) }) };
    case "query-specific":
      return {
        promptId,
        text: JSON.stringify({ response_a: querySpecific(user, responseA), response_b: querySpecific(user, responseB) }),
      };
  }
}

/**
 * The answer to any other chat request (a benchmark question, with or without a system message):
 * a short deterministic text that quotes the question and, when the system message lists numbered
 * qualities (`1. Label: …`), names the ones it was asked for, so a test can tell the two apart.
 */
export function plainAnswer(system: string, user: string): string {
  const question = user.trim().replace(/\s+/g, " ");
  const quoted = question.length > 60 ? `${question.slice(0, 60)}…` : question;
  const asked = [...system.matchAll(/^\s*\d+\.\s+([^:\n]+):/gm)].map((match) => match[1]!.trim());
  const lines = [`Here is an answer to "${quoted}".`, `Point ${(fnv1a(question) % 9) + 1} of the answer covers the main request.`];
  if (asked.length > 0) lines.push(`As instructed, this answer aims to be: ${asked.join("; ")}.`);
  return lines.join("\n");
}
