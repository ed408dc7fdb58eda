/**
 * Who a document says its people are, outside the turns: front matter lists (`speakers`,
 * `guests`) and full names written in the text, which labels given as a first name or as
 * initials stand for.
 */

/** Names from front matter `speakers`/`guests` (a list, a comma-separated string, or mappings with `name`). */
export function frontMatterPeople(data: Record<string, unknown>): string[] | undefined {
  const raw = data.speakers ?? data.guests ?? data.interviewees;
  const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
  const names = items
    .map((x) => (typeof x === 'object' && x !== null && 'name' in x ? String((x as { name: unknown }).name) : String(x)))
    .map((s) => s.trim())
    .filter((s) => s && s.length <= 60);
  return names.length ? names : undefined;
}

// Two or three capitalised words: `Larry Wall`, `Sergi Delgado Segura`.
const FULL_NAME = /(?<![\p{L}])\p{Lu}[\p{Ll}'’-]+(?: \p{Lu}[\p{Ll}'’-]+){1,2}(?![\p{L}])/gu;

/**
 * Full names written in a text, most frequent first, for initials to resolve against. Only
 * the first 200 000 characters are read: names are introduced early.
 */
export function namesInText(text: string): string[] {
  const counts = new Map<string, number>();
  for (const m of text.slice(0, 200_000).matchAll(FULL_NAME)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([n]) => n);
}

// `陶岚（以下简称 TL）`, `Hana Petrov (hereafter HP)`, `Hana Petrov ("HP")`.
const PROSE_ALIAS = /(\p{Script=Han}{2,6}|\p{Lu}[\p{Ll}'’-]+(?: \p{Lu}[\p{Ll}'’-]+){0,2})\s*[(（]\s*(?:以下简称|下称|简称|hereafter|hereinafter|henceforth)?\s*[“"']?([A-Z]{1,4})[”"']?\s*[)）]/gu;

/** Initials a text defines for a name in running prose: initials → name. */
export function aliasesInText(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.slice(0, 200_000).matchAll(PROSE_ALIAS)) if (!out.has(m[2]!)) out.set(m[2]!, m[1]!);
  return out;
}
