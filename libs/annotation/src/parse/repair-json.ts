/**
 * Recovers the JSON object from a model's answer. Models asked for JSON still sometimes wrap it
 * in a Markdown code fence, put a sentence before or after it, or leave a trailing comma; those
 * defects are repaired here. Anything else is reported as a failure so the raw text can be kept.
 */

export type JsonExtraction = { ok: true; value: unknown; repaired: string[] } | { ok: false; reason: string };

/** Removes commas that directly precede `}` or `]`, leaving string contents untouched. */
export function removeTrailingCommas(text: string): string {
  let out = "";
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (inString) {
      out += char;
      if (escaped) escaped = false;
      else if (char === "\\") escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      out += char;
      continue;
    }
    if (char === ",") {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j] as string)) j += 1;
      if (text[j] === "}" || text[j] === "]") continue;
    }
    out += char;
  }
  return out;
}

const FENCE = /```[a-zA-Z]*\s*\n?([\s\S]*?)```/;

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/**
 * Parses the JSON object in `text`, repairing code fences, surrounding prose and trailing commas.
 * `repaired` lists the repairs that were needed (empty for clean JSON).
 */
export function extractJsonObject(text: string): JsonExtraction {
  const repaired: string[] = [];
  let candidate = text.trim();
  if (candidate === "") return { ok: false, reason: "the answer is empty" };
  const direct = tryParse(candidate);
  if (direct.ok) return { ok: true, value: direct.value, repaired };

  const fenced = FENCE.exec(candidate);
  if (fenced?.[1] !== undefined) {
    candidate = fenced[1].trim();
    repaired.push("code fence");
  }
  const start = candidate.indexOf("{");
  const end = candidate.lastIndexOf("}");
  if (start < 0 || end < start) {
    return { ok: false, reason: "the answer contains no JSON object" };
  }
  if (start > 0 || end < candidate.length - 1) {
    candidate = candidate.slice(start, end + 1);
    repaired.push("surrounding text");
  }
  const withoutCommas = removeTrailingCommas(candidate);
  if (withoutCommas !== candidate) repaired.push("trailing comma");
  const parsed = tryParse(withoutCommas);
  if (parsed.ok) return { ok: true, value: parsed.value, repaired };
  return { ok: false, reason: `the answer is not valid JSON (${parsed.message})` };
}
