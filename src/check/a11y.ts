import { createRequire } from 'node:module';
import type { Page } from 'puppeteer';

const require = createRequire(import.meta.url);

/**
 * axe-core rules that make sense for a slide deck: what a speaker controls (text contrast,
 * language, alternative text, headings, links, lists). Rules about forms, landmarks, skip
 * links and regions do not apply to reveal.js slides and would only add noise.
 */
export const axeRules = [
  'color-contrast',
  'html-has-lang',
  'html-lang-valid',
  'valid-lang',
  'document-title',
  'image-alt',
  'role-img-alt',
  'svg-img-alt',
  'object-alt',
  'heading-order',
  'empty-heading',
  'link-name',
  'list',
  'listitem',
] as const;

/** One axe-core violation on one slide (or the whole deck: `index` null). */
export interface AxeFinding {
  index: number | null;
  rule: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  /** The check message of the first failing element, e.g. the contrast ratio and colours. */
  detail: string;
  /** Short descriptions of the failing elements on this slide. */
  targets: string[];
}

// Runs axe with the chosen rules and maps each failing element back to its slide.
const runSource = String.raw`(async (rules) => {
  const result = await axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'] });
  const out = [];
  for (const v of result.violations) {
    const groups = new Map();
    for (const node of v.nodes) {
      let el = null;
      try { el = typeof node.target[0] === 'string' ? document.querySelector(node.target[0]) : null; } catch {}
      const section = el && el.closest ? el.closest('section[data-slide]') : null;
      const index = section ? Number(section.getAttribute('data-slide')) : null;
      const key = String(index);
      if (!groups.has(key)) {
        const checks = [...node.any, ...node.all, ...node.none];
        const detail = (checks.find((c) => c.message) || {}).message || '';
        groups.set(key, { index, rule: v.id, impact: node.impact || v.impact || null, help: v.help, detail, targets: [] });
      }
      const text = el && el !== document.documentElement && el !== document.body ? (el.textContent || el.getAttribute('src') || '').replace(/\s+/g, ' ').trim() : '';
      const tag = el ? el.tagName.toLowerCase() + (el.classList.length ? '.' + el.classList[0] : '') : String(node.target[0]);
      groups.get(key).targets.push(tag + (text ? ' "' + (text.length > 30 ? text.slice(0, 29) + '…' : text) + '"' : ''));
    }
    out.push(...groups.values());
  }
  return out;
})`;

/**
 * Injects axe-core into the page and runs the slide rules on the whole document, with every
 * slide laid out (print view), so contrast is measured on every slide and heading order over
 * the deck. Violations on elements outside any slide (the `<html>` element) get `index: null`.
 */
export async function runAxe(page: Page, rules: readonly string[] = axeRules): Promise<AxeFinding[]> {
  const has = await page.evaluate('typeof window.axe !== "undefined"');
  if (!has) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  // reveal.js hides every slide but the current one from assistive technology (aria-hidden,
  // hidden); in the print layout all are shown, and axe skips hidden ones, so unhide them.
  await page.evaluate(`document.querySelectorAll('section[data-slide]').forEach((s) => { s.removeAttribute('aria-hidden'); s.removeAttribute('hidden'); })`);
  // Markdown's `![](x.png)` renders as alt="", which axe takes for a decorative image. On a
  // slide, a picture from the content is the content, and Markdown has no way to say
  // "decorative" apart from forgetting the text: so an empty alt there counts as missing.
  // (A template's own images can opt out with role="presentation".)
  await page.evaluate(`document.querySelectorAll('section[data-slide] .lt-body img[alt=""]:not([role])').forEach((i) => i.removeAttribute('alt'))`);
  return (await page.evaluate(`${runSource}(${JSON.stringify(rules)})`)) as AxeFinding[];
}
