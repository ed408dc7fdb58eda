import type { Lang } from '../../model/document.js';
import type { SlidePlan } from '../../model/plan.js';
import { geometry, lineHeight, type TextStyle } from '../../text/layout.js';
import { words } from '../../text/words.js';
import { boxHeight, type SlideCanvas } from './canvas.js';
import { plainRun, pt, type Run, type RunStyle } from './text.js';

// One function per built-in slide template (templates/slides/*.hbs), drawing what the
// template shows at the positions and sizes templates/themes/base.css gives it. The frame is
// 1280×720 with 64px above, 88px at the sides and 56px below.

export const FRAME = { x: 88, y: 64, width: 1104, height: 600, bottom: 664 } as const;

/** Draws one planned slide of a template onto its PPTX slide. */
export type TemplateDrawer = (c: SlideCanvas, s: SlidePlan) => void;

/** The fit step the planner chose (slide variant `fit-n`), 0 for the default size. */
export function fitStep(s: SlidePlan): number {
  const m = /^fit-(\d)$/.exec(s.variant ?? '');
  return m ? Number(m[1]) : 0;
}

const style = (size: number, lh: number, lang: Lang, bold = false): TextStyle => ({ size, lineHeight: lh, bold, lang, phrases: true });

function runs(c: SlideCanvas, text: string, s: RunStyle): Run[] {
  return [plainRun(text, s, c.theme, c.lang)];
}

/** A vertically centred stack of blocks: the y each block starts at. */
function centred(heights: number[], top: number, room: number): number[] {
  const total = heights.reduce((a, b) => a + b, 0);
  let y = top + Math.max(0, (room - total) / 2);
  return heights.map((h) => {
    const at = y;
    y += h;
    return at;
  });
}

export function drawTitle(c: SlideCanvas, s: SlidePlan): void {
  const g = geometry.title;
  const k = Math.min(fitStep(s), g.sizes.length - 1);
  const x = FRAME.x + 50; // 10px rule + 40px padding
  const tl = lineHeight(c.lang, 'title');
  const sl = c.lang === 'zh' ? 1.5 : 1.4;
  const title = s.title ?? '';
  const th = boxHeight(title, g.width, style(g.sizes[k], tl, c.lang, true));
  const sh = s.subtitle ? boxHeight(s.subtitle, g.width, style(g.subtitle[k], sl, c.lang)) : 0;
  const [y] = centred([th + (sh ? g.subtitleGap + sh : 0)], FRAME.y, FRAME.height);
  c.rect(FRAME.x, y, 10, th + (sh ? g.subtitleGap + sh : 0), c.theme.accent);
  c.text(runs(c, title, { size: g.sizes[k], color: c.theme.fg, bold: true }), x, y, g.width, th, { lineHeight: g.sizes[k] * tl, objectName: 'Title' });
  if (s.subtitle) c.text(runs(c, s.subtitle, { size: g.subtitle[k], color: c.theme.muted }), x, y + th + g.subtitleGap, g.width, sh, { lineHeight: g.subtitle[k] * sl, objectName: 'Subtitle' });
  if (s.kicker) c.text(runs(c, s.kicker, { size: 24, color: c.theme.muted }), x, 720 - 64 - 24 * 1.4, 1280 - 88 - x, 24 * 1.4, { lineHeight: 24 * 1.4, objectName: 'Byline' });
}

/** The small uppercase line above a section title or a question. */
function kicker(c: SlideCanvas, text: string, size: number, x: number, y: number, w: number): number {
  const h = size * 1.5;
  c.text(runs(c, c.lang === 'zh' ? text : text.toUpperCase(), { size, color: c.theme.accent, bold: true }), x, y, w, h, { lineHeight: h, letterSpacing: size * 0.06, objectName: 'Kicker' });
  return h + 20;
}

export function drawSection(c: SlideCanvas, s: SlidePlan): void {
  const g = geometry.section;
  const k = Math.min(fitStep(s), g.sizes.length - 1);
  const sub = s.level === 3;
  const width = sub ? g.subWidth : g.width;
  const x = sub ? FRAME.x + 40 : FRAME.x; // 8px rule + 32px padding
  const tl = lineHeight(c.lang, 'title');
  const title = s.title ?? '';
  const th = boxHeight(title, width, style(g.sizes[k], tl, c.lang, true));
  const kh = s.kicker ? 28 * 1.5 + 20 : 0;
  const [ky, ty] = centred([kh, th], FRAME.y, FRAME.height);
  if (s.kicker) kicker(c, s.kicker, 28, FRAME.x, ky, FRAME.width);
  if (sub) c.rect(FRAME.x, ty, 8, th, c.theme.accent);
  c.text(runs(c, title, { size: g.sizes[k], color: c.theme.fg, bold: true }), x, ty, width, th, { lineHeight: g.sizes[k] * tl, objectName: 'Section title' });
}

/** The section name at the foot of question and quote slides, over a rule. */
function footer(c: SlideCanvas, s: SlidePlan): void {
  if (!s.section) return;
  const h = 20 * 1.4;
  const y = 720 - 36 - h;
  c.rect(FRAME.x, y - 14, FRAME.width, 2, c.theme.rule);
  c.text(runs(c, s.section, { size: 20, color: c.theme.muted }), FRAME.x, y, FRAME.width, h, { lineHeight: h, objectName: 'Footer' });
}

/** "— Name", the dash in the accent colour. */
function cite(c: SlideCanvas, by: string): Run[] {
  return [plainRun('— ', { size: 28, color: c.theme.accent, bold: true }, c.theme, c.lang), plainRun(by, { size: 28, color: c.theme.cite, bold: true }, c.theme, c.lang)];
}

/** Question and quote frames are centred in 64…624 (96px of padding below). */
const ASK_ROOM = { top: 64, height: 560 };

export function drawQuestion(c: SlideCanvas, s: SlidePlan): void {
  const g = geometry.question;
  const k = Math.min(fitStep(s), g.sizes.length - 1);
  const ql = c.lang === 'zh' ? 1.5 : 1.4;
  const text = s.question?.text ?? '';
  const by = s.question?.by ?? '';
  const kh = 26 * 1.5 + 20;
  const th = boxHeight(text, g.width, style(g.sizes[k], ql, c.lang));
  const ch = by ? 28 + 28 * 1.5 : 0;
  const [ky, ty, cy] = centred([kh, th, ch], ASK_ROOM.top, ASK_ROOM.height);
  kicker(c, words[c.lang].questionLabel, 26, FRAME.x, ky, FRAME.width);
  c.text(runs(c, text, { size: g.sizes[k], color: c.theme.fg }), FRAME.x, ty, g.width, th, { lineHeight: g.sizes[k] * ql, objectName: 'Question' });
  if (by) c.text(cite(c, by), FRAME.x, cy + 28, g.width, 28 * 1.5, { lineHeight: 28 * 1.5, objectName: 'Asked by' });
  footer(c, s);
}

export function drawQuote(c: SlideCanvas, s: SlidePlan): void {
  const g = geometry.quote;
  const k = Math.min(fitStep(s), g.sizes.length - 1);
  const ql = c.lang === 'zh' ? 1.5 : 1.4;
  const text = s.quote?.text ?? '';
  const by = s.quote?.by ?? '';
  const x = FRAME.x + 64; // 8px rule + 56px padding
  const th = boxHeight(text, g.width, style(g.sizes[k], ql, c.lang, true));
  const ch = by ? 28 + 28 * 1.5 : 0;
  const [ty] = centred([th + ch], ASK_ROOM.top, ASK_ROOM.height);
  c.rect(FRAME.x, ty, 8, th + ch, c.theme.accent);
  c.text(runs(c, text, { size: g.sizes[k], color: c.theme.fg, bold: true }), x, ty, g.width, th, { lineHeight: g.sizes[k] * ql, objectName: 'Quote' });
  if (by) c.text(cite(c, by), x, ty + th + 28, g.width, 28 * 1.5, { lineHeight: 28 * 1.5, objectName: 'Attribution' });
  footer(c, s);
}

/** The heading of points, agenda and content slides, with its rule; returns where the body starts. */
export function heading(c: SlideCanvas, title: string): number {
  const g = geometry.heading;
  const h = boxHeight(title, FRAME.width, style(g.size, g.lineHeight, c.lang, true));
  c.text(runs(c, title, { size: g.size, color: c.theme.fg, bold: true }), FRAME.x, FRAME.y, FRAME.width, h, { lineHeight: g.size * g.lineHeight, objectName: 'Heading' });
  c.rect(FRAME.x, FRAME.y + h + 16, FRAME.width, 4, c.theme.headingRule);
  return FRAME.y + h + g.chrome;
}

export function drawPoints(c: SlideCanvas, s: SlidePlan): void {
  const top = heading(c, s.title ?? '');
  const g = geometry.points;
  const lh = g.size * lineHeight(c.lang, 'body');
  // Real bullets: one paragraph per point, a square in the accent colour's place (pptxgenjs
  // sets no bullet colour, so it takes the text's).
  const items = (s.points ?? []).map((p, i, all) => {
    const run = plainRun(p, { size: g.size, color: c.theme.fg }, c.theme, c.lang);
    return { text: run.text, options: { ...run.options, bullet: { characterCode: '25AA', indent: 30 }, ...(i < all.length - 1 ? { breakLine: true } : {}) } };
  });
  c.text(items, FRAME.x, top, g.width + 40, FRAME.bottom - top, { lineHeight: lh, gap: g.gap, objectName: 'Key points' });
}

export function drawAgenda(c: SlideCanvas, s: SlidePlan): void {
  const top = heading(c, s.title ?? '');
  const g = geometry.agenda;
  const lh = lineHeight(c.lang, 'agenda');
  const start = s.start ?? 1;
  const rows = (s.items ?? []).map((item, i) => {
    const h = boxHeight(item, g.width, style(g.size, lh, c.lang)) + g.chrome;
    // Headings that number themselves (plan: variant own-numbers) get no second number.
    return { item, n: s.variant === 'own-numbers' ? '' : String(start + i).padStart(2, '0'), h };
  });
  const rule = { type: 'solid' as const, pt: 0.75, color: c.theme.rule };
  const none = { type: 'none' as const };
  // The number (26px) sits on the item's first baseline (32px): it starts that much lower.
  const cell = (text: string, s: RunStyle) => ({
    text: [plainRun(text, s, c.theme, c.lang)],
    options: { border: [none, none, rule, none] as [typeof none, typeof none, typeof rule, typeof none], margin: [pt(9 + (g.size - s.size) * 0.9), 0, pt(9), 0] as [number, number, number, number], valign: 'top' as const },
  });
  c.slide.addTable(
    rows.map((r) => [cell(r.n, { size: 26, color: c.theme.accent, bold: true }), cell(r.item, { size: g.size, color: c.theme.fg })]),
    {
      x: FRAME.x / 96,
      y: top / 96,
      w: FRAME.width / 96,
      colW: [68 / 96, (FRAME.width - 68) / 96],
      rowH: rows.map((r) => r.h / 96),
      objectName: 'Agenda',
    },
  );
}

export function drawClosing(c: SlideCanvas, s: SlidePlan): void {
  const title = s.title ?? '';
  const tl = 1.2;
  const th = boxHeight(title, FRAME.width, style(80, tl, c.lang, true));
  const sh = s.subtitle ? 24 + boxHeight(s.subtitle, FRAME.width, style(34, 1.4, c.lang)) : 0;
  const recap = (s.items ?? []).join('   ·   ');
  const rh = recap ? 36 + boxHeight(recap, FRAME.width, style(20, 1.6, c.lang)) : 0;
  const [ty, sy, ry] = centred([th, sh, rh], FRAME.y, FRAME.height);
  c.text(runs(c, title, { size: 80, color: c.theme.accent, bold: true }), FRAME.x, ty, FRAME.width, th, { lineHeight: 80 * tl, objectName: 'Closing' });
  if (s.subtitle) c.text(runs(c, s.subtitle, { size: 34, color: c.theme.muted }), FRAME.x, sy + 24, FRAME.width, sh - 24, { lineHeight: 34 * 1.4 });
  if (recap) c.text(runs(c, recap, { size: 20, color: c.theme.muted }), FRAME.x, ry + 36, FRAME.width, rh - 36, { lineHeight: 20 * 1.6, objectName: words[c.lang].recap });
}
