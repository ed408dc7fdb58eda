/**
 * Metadata lines and page furniture in plain text: publish-time stamps, click counters, empty
 * labels and lone characters left behind when an article is scraped from a web page, and the
 * labelled lines (`摘要:`, `Summary:`, `作者:` …) that carry a document's metadata.
 */

/** One source line after furniture removal; `text` is '' for blank or removed lines. */
export interface SourceLine {
  text: string;
  /** 1-based line number in the source. */
  line: number;
}

/** Metadata found in labelled lines. */
export interface LabelledMeta {
  title?: string;
  subtitle?: string;
  author?: string;
  /** ISO `YYYY-MM-DD`. */
  date?: string;
  keywords?: string[];
}

/** Result of {@link stripFurniture}. */
export interface FurnitureResult {
  lines: SourceLine[];
  meta: LabelledMeta;
  /** Line of the last metadata or furniture line in the header (0 when there is none). */
  headerEnd: number;
}

type LabelKind = 'date' | 'furniture' | 'subtitle' | 'title' | 'author' | 'keywords';

const LABELS: [LabelKind, string][] = [
  ['date', '发布时间|发布日期|发表时间|发表日期|发稿时间|更新时间|更新日期|日期|时间|Published(?: on)?|Posted(?: on)?|Date|Updated|Last updated'],
  ['furniture', '来源|出处|文章来源|编辑|责任编辑|点击次数|点击数|点击量|浏览次数|浏览量|阅读量|阅读数|阅读|浏览|分类|栏目|分享到|Source|Editor|Views|Category|Share'],
  ['subtitle', '访谈背景|采访背景|背景|摘要|内容摘要|内容提要|提要|导语|导读|简介|概要|Summary|Background|Abstract|Synopsis|Overview|TL;?DR'],
  ['title', '标题|题目|Title'],
  ['author', '作者|撰文|文|Author|Written by|By'],
  ['keywords', '关键词|关键字|标签|Keywords|Tags'],
];
const LABEL_RE = new RegExp(`^(?:(${LABELS.map(([, re]) => re).join('|')}))\\s*[:：]\\s*(.*)$`, 'i');
const LABEL_KIND = LABELS.map(([kind, re]) => [kind, new RegExp(`^(?:${re})$`, 'i')] as const);

// Title, subtitle and author labels only count near the top: further down, `背景:` or
// `Summary:` is more likely part of the body than the page's own metadata.
const HEADER_LINES = 10;
const EMPTY_LABEL = /^[^\s:：]{1,12}\s*[:：]$/u;
const DATE_TIME = /\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}:\d{2}(?::\d{2})?|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{4}/giu;
const COUNTER = /点击次数|点击数|点击量|点击|浏览次数|浏览量|浏览|阅读量|阅读数|阅读|次|\b(?:views?|clicks?|hits?|reads?)\b/giu;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * Finds the first date in a string and returns it as ISO `YYYY-MM-DD`: numeric forms
 * (`2025-03-13`, `2025/3/13`, `2025.03.13`, `2025年3月13日`) and English month names
 * (`March 13, 2025`, `13 March 2025`). Impossible dates are ignored.
 */
export function findIsoDate(s: string): string | undefined {
  const numeric = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/u.exec(s);
  if (numeric) return iso(+numeric[1]!, +numeric[2]!, +numeric[3]!);
  const mdy = /\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b/.exec(s);
  const dmy = /\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/.exec(s);
  if (mdy) return iso(+mdy[3]!, monthIndex(mdy[1]!), +mdy[2]!);
  if (dmy) return iso(+dmy[3]!, monthIndex(dmy[2]!), +dmy[1]!);
  return undefined;
}

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1000) return undefined;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function labelKind(label: string): LabelKind {
  for (const [kind, re] of LABEL_KIND) if (re.test(label)) return kind;
  return 'furniture';
}

/** Words a stamp line may hold besides dates and counters (`Posted 3 March 2025 · 1,204 views`, `发布于 2025-03-13`). */
const STAMP_WORDS = /\b(?:posted|published|updated|last|on|at)\b|发布于|发表于|更新于/giu;

/** A stamp line: only dates, times, counters and numbers (`2025-03-13 17:30:48 点击次数: 12`). */
function isStampLine(t: string): boolean {
  const hadStamp = DATE_TIME.test(t) || COUNTER.test(t);
  DATE_TIME.lastIndex = 0;
  COUNTER.lastIndex = 0;
  if (!hadStamp) return false;
  const rest = t.replace(DATE_TIME, '').replace(COUNTER, '').replace(STAMP_WORDS, '').replace(/[\d\s\p{P}\p{S}]/gu, '');
  return rest.length === 0;
}

/** Lone characters and symbol-only lines (`次`, `|`, `***`) are scraping debris. */
function isDebris(t: string): boolean {
  return [...t].length <= 1 || !/[\p{L}\p{N}]/u.test(t);
}

/**
 * Removes page furniture from plain-text lines and collects metadata from labelled lines.
 * Removed lines become blank, so they separate paragraphs rather than join them. A label
 * with nothing after it (`Q:` on its own line) is joined to the next line unless it is a
 * furniture label; a publish-time label with an empty value takes its date from the next line.
 */
export function stripFurniture(text: string): FurnitureResult {
  const raw = text.split('\n');
  const meta: LabelledMeta = {};
  const lines: SourceLine[] = [];
  let nonBlank = 0;
  let wantDate = false;
  let carry: string | undefined;
  let headerEnd = 0;
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!.replace(/\s+$/u, '').replace(/^\s+/u, '');
    const line = i + 1;
    if (!t) {
      // A label followed by a blank line labels nothing: drop it.
      lines.push({ text: '', line });
      carry = undefined;
      continue;
    }
    nonBlank++;
    const value = carry ? `${carry} ${t}` : t;
    carry = undefined;
    const kept = classifyLine(value, meta, nonBlank <= HEADER_LINES, wantDate);
    wantDate = kept.wantDate;
    if (kept.carry) carry = kept.carry;
    else if (!kept.text && nonBlank <= HEADER_LINES) headerEnd = line;
    lines.push({ text: kept.text, line });
  }
  return { lines, meta, headerEnd };
}

interface Classified {
  text: string;
  wantDate: boolean;
  carry?: string;
}

function classifyLine(t: string, meta: LabelledMeta, inHeader: boolean, wantDate: boolean): Classified {
  if (isStampLine(t)) {
    const date = findIsoDate(t);
    if (date && (wantDate || (inHeader && !meta.date))) meta.date = date;
    return { text: '', wantDate: wantDate && !date };
  }
  const m = LABEL_RE.exec(t);
  if (m && m[1]!.length <= 24) {
    const kind = labelKind(m[1]!);
    const value = m[2]!.trim();
    const date = kind === 'date' ? findIsoDate(value) : undefined;
    // Below the header, a long value after `时间:` or `来源:` is body text that happens to
    // start with such a word; page furniture is short (`来源: 新华网`) or a date.
    const isFurniture = inHeader || !value || date !== undefined || [...value].length <= 20;
    if (kind === 'date' || kind === 'furniture') {
      if (!isFurniture) return { text: t, wantDate: false };
      if (date) meta.date ??= date;
      return { text: '', wantDate: kind === 'date' && !date && !meta.date };
    }
    if (inHeader && value) {
      if (kind === 'keywords') meta.keywords ??= value.split(/[,，;；、\s]+/u).filter(Boolean);
      else meta[kind] ??= value;
      return { text: '', wantDate: false };
    }
    if (inHeader && !value) return { text: '', wantDate: false };
  }
  if (EMPTY_LABEL.test(t)) return { text: '', wantDate: false, carry: t };
  if (isDebris(t)) return { text: '', wantDate };
  return { text: t, wantDate: false };
}
