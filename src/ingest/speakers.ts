/**
 * Speaker labels: where they are in a paragraph, which `X:` are speakers, how variants of a
 * name are unified, and who asks the questions.
 */

import { findLabels as findLabelHits, type LabelHit } from './transcript/labels.js';

export type { LabelHit } from './transcript/labels.js';

/** The speakers of a document: the accepted labels, unified to one display name each. */
export interface Speakers {
  /** Display name for a label as written, or undefined when that label is not a speaker. */
  resolve(raw: string): string | undefined;
  /** Every label spelling that resolves to each display name. */
  variants: Map<string, string[]>;
}

const INTERVIEWER_LABELS = new Set(['记者', '主持人', '主持', '采访者', '采访人', '访谈人', '访谈者', '访问者', '提问', '提问者', '问', '观众', '听众', '现场观众', 'q', 'question', 'interviewer', 'host', 'moderator', 'reporter', 'presenter', 'anchor', 'audience', 'audience member', 'attendee']);
const INTERVIEWEE_LABELS = new Set(['答', '受访者', '受访人', '被访者', '嘉宾', '回答', 'a', 'answer', 'interviewee', 'guest', 'respondent']);
const NOT_SPEAKERS = new Set(
  ('访谈背景 采访背景 背景 摘要 内容摘要 提要 导语 导读 简介 概要 注 注意 注释 备注 提示 说明 例 例如 比如 譬如 例子 示例 ' +
    '原因 结论 总结 小结 结果 问题 答案 目的 方法 步骤 要点 重点 关键 关键词 标签 来源 出处 作者 编辑 责任编辑 时间 日期 ' +
    '地点 地址 电话 邮箱 标题 题目 附 附注 附录 按 编者按 编按 补充 更新 警告 特点 优点 缺点 好处 坏处 其一 其二 一是 二是 ' +
    '首先 其次 最后 另外 此外 然而 但是 所以 因此 总之 比方说 也就是说 换句话说 定义 定理 证明 解 公式 我 我们 你 你们 ' +
    '他 她 他们 她们 它 大家 有人 ' +
    'note notes nb ps p.s. example examples e.g. i.e. tip tips warning caution important update edit source sources ' +
    'summary background abstract conclusion definition step result results reason pros cons date time title author ' +
    'editor keywords tags re fw fwd subject from to cc see also figure fig table chapter part section lesson exercise ' +
    'solution hint caveat disclaimer he she it we they i you this that there here but and so then now also however ' +
    'first second third finally next today yesterday error http https ' +
    'topic topics music organization organisation company location venue event episode transcript transcription translation ' +
    'media video audio link links url slides slide demo speakers speaker hosts guests panel panelists credits sponsor ' +
    'agenda outline questions answers quote status version output input code usage install ' +
    '选题 译者 翻译 校对 审校 编译 整理 听译 字幕 原文 原文链接 策划 出品 排版 考点 解答 解析 分析 思路 参考 参考答案 输出 输入 ' +
    '代码 演示 演示文档 视频 音频 链接 话题 主题 议题 嘉宾介绍 主讲 主讲人 活动 时长 环节 结语 前言 后记 音乐 赞助 广告').split(' '),
);
// Words that end a reporting clause (`他说:`, `原因如下:`) rather than a name.
const NOT_NAME_HAN = /(?:说|道|称|表示|指出|认为|强调|介绍|回应|提到|谈到|写道|问道|如下|包括|分别|是|有|为)$|[的了和与在]/u;

/** Finds every label-shaped `X:` at a paragraph, line or sentence start (see `transcript/labels.ts`). */
export function findLabels(text: string): LabelHit[] {
  return findLabelHits(text);
}

/** Comparison key of a label: width-folded, honorific-free, lower-case. */
export function speakerKey(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\s+/gu, ' ')
    .replace(/^(?:mr|mrs|ms|miss|dr|prof)\.? /iu, '')
    .trim()
    .toLowerCase();
}

/** True for generic role labels (`记者`, `Q`, `Host`) that mark the one who asks. */
export function isInterviewerLabel(raw: string): boolean {
  return INTERVIEWER_LABELS.has(roleKey(speakerKey(raw)));
}

/** True for generic labels (`Q`, `A`, `问`, `答`, `Question`) that name a role, not a person. */
export function isGenericLabel(raw: string): boolean {
  const key = speakerKey(raw);
  return INTERVIEWEE_LABELS.has(key) || ['q', '问', 'question'].includes(key);
}

function plausibleName(key: string): boolean {
  if (NOT_SPEAKERS.has(key)) return false;
  if (/\p{Script=Han}/u.test(key) && NOT_NAME_HAN.test(key) && !INTERVIEWER_LABELS.has(key)) return false;
  return true;
}

/**
 * Unifies obvious variants: a name whose words are a subset of exactly one longer name's
 * (`Jane` → `Jane Doe`), or a Han name contained in exactly one longer one. Role labels stay apart.
 */
function unify(keys: readonly string[]): Map<string, string> {
  const canon = new Map<string, string>();
  const isRole = (k: string) => INTERVIEWER_LABELS.has(k) || INTERVIEWEE_LABELS.has(k);
  for (const a of keys) {
    if (isRole(a) || a.length < 2) continue;
    const supersets = keys.filter((b) => b !== a && !isRole(b) && contains(b, a));
    if (supersets.length === 1) canon.set(a, supersets[0]!);
  }
  // A misspelt name (`Max Hilebrand` beside `Max Hillebrand`): one letter more or less in a long Latin name.
  for (const a of keys) {
    if (canon.has(a) || isRole(a) || a.length < 8 || /\p{Script=Han}/u.test(a)) continue;
    const near = keys.filter((b) => b !== a && !canon.has(b) && b.length >= a.length && oneEditApart(a, b));
    if (near.length === 1 && !canon.has(near[0]!)) canon.set(a, near[0]!);
  }
  return canon;
}

function oneEditApart(a: string, b: string): boolean {
  // Only a letter doubled or left single (`Hilebrand`, `Hillebrand`) inside a long word: a
  // letter changed or added elsewhere (`Jan`/`Jon`, `Person A`/`Person AA`) is as often another person.
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.slice(i) !== long.slice(i + 1)) return false;
  const c = long[i];
  const word = long.slice(0, i).split(' ').at(-1)!.length + long.slice(i).split(' ')[0]!.length;
  return (long[i - 1] === c || long[i + 1] === c) && word >= 5;
}

function contains(longer: string, shorter: string): boolean {
  if (/\p{Script=Han}/u.test(shorter)) return longer.length > shorter.length && longer.includes(shorter);
  const words = new Set(longer.split(' '));
  const part = shorter.split(' ');
  return part.length < words.size && part.every((w) => words.has(w));
}

/** What else the document says about its people, for {@link decideSpeakers}. */
export interface SpeakerHints {
  /** Full names the document gives for its people (front matter `speakers`, full-name labels). */
  known?: readonly string[];
  /** Full names written in the text, most frequent first: what initials may stand for. */
  textNames?: readonly string[];
  /** Fewest speakers that make a conversation (default 2; 0 when bold questions stand for the asker). */
  minSpeakers?: number;
  /** Initials the text defines in prose (`陶岚（以下简称 TL）`): initials → name. */
  aliases?: ReadonlyMap<string, string>;
  /**
   * Hits followed by a few words with no sentence end (`Topic: Storage`): a label used only
   * that way is a field of a form, not a person.
   */
  fieldLike?: ReadonlySet<LabelHit>;
}

/**
 * Decides which labels are speakers, by recurrence and behaviour: role labels always; a name
 * used at least twice; a name used once only when it opens a paragraph and other speakers
 * exist; never a label whose every use is followed by a few words and no question (`Topic:
 * Storage`), which is a field of a form. Initials defined in a label (`Shaun Apps（SA）：`) or
 * matching exactly one known full name resolve to that name. Returns undefined when fewer
 * than two speakers remain (not a conversation).
 */
export function decideSpeakers(hits: readonly LabelHit[], hints: SpeakerHints = {}): Speakers | undefined {
  const plausible = hits.filter((h) => h.kind === 'name' && plausibleName(speakerKey(h.raw)));
  const keys = [...new Set(plausible.map((h) => speakerKey(h.raw)))];
  // Unification is quadratic in distinct label spellings; a real document has a handful.
  const canon = keys.length <= 200 ? unify(keys) : new Map<string, string>();
  for (const h of plausible) if (h.alias) canon.set(speakerKey(h.alias), speakerKey(h.raw));
  for (const [initials, name] of hints.aliases ?? []) {
    const a = speakerKey(initials);
    const n = speakerKey(name);
    if (keys.includes(a) && keys.includes(n) && !canon.has(a)) canon.set(a, n);
  }
  const keyOf = (raw: string) => {
    const k = speakerKey(raw);
    const c = canon.get(k) ?? k;
    return canon.get(c) ?? c;
  };
  const count = new Map<string, number>();
  const opens = new Set<string>();
  const fieldLike = new Map<string, boolean>();
  for (const h of plausible) {
    const k = keyOf(h.raw);
    count.set(k, (count.get(k) ?? 0) + 1);
    if (h.atLineStart) opens.add(k);
    fieldLike.set(k, (fieldLike.get(k) ?? true) && (hints.fieldLike?.has(h) ?? false));
  }
  const accepted = new Set<string>();
  const isRole = (k: string) => INTERVIEWER_LABELS.has(roleKey(k)) || INTERVIEWEE_LABELS.has(k);
  for (const [k, n] of count) if (n >= 2 || isRole(k)) accepted.add(k);
  if (accepted.size > 0) for (const k of opens) if (count.get(k) === 1 && nameShaped(k)) accepted.add(k);
  for (const k of [...accepted]) if (fieldLike.get(k) && !isRole(k)) accepted.delete(k);
  if (accepted.size < (hints.minSpeakers ?? 2)) return undefined;
  return buildSpeakers(plausible, accepted, keyOf, hints);
}

/** A role label without its number: `audience 2` → `audience`. */
function roleKey(key: string): string {
  return key.replace(/ \d{1,2}$/u, '');
}

function nameShaped(key: string): boolean {
  return /^\p{Script=Han}{2,4}$/u.test(key) || /^[a-z.'’-]+(?: [a-z.'’-]+){0,2}$/u.test(key);
}

/**
 * The one known full name a label stands for: its words are a subset of the name's
 * (`John` → `John Newbery`), or it is the name's initials (`LW` → `Larry Wall`).
 */
export function expandName(raw: string, known: readonly string[], textNames: readonly string[] = []): string | undefined {
  const key = speakerKey(raw);
  if (!key || INTERVIEWER_LABELS.has(roleKey(key)) || INTERVIEWEE_LABELS.has(key)) return undefined;
  const initials = /^[A-Z]{2,4}$/u.test(raw.trim()) ? raw.trim() : undefined;
  const matches = new Set<string>();
  for (const name of known) {
    const k = speakerKey(name);
    if (k === key) return undefined;
    if (contains(k, key)) matches.add(name);
    else if (initials && name.split(/\s+/u).map((w) => w[0]).join('').toUpperCase() === initials && name.split(/\s+/u).length === initials.length) matches.add(name);
  }
  if (matches.size === 1) return [...matches][0];
  if (matches.size > 1 || !initials) return undefined;
  // Initials of a name the text gives: the most frequent such name.
  return textNames.find((n) => n.split(/\s+/u).length === initials.length && n.split(/\s+/u).map((w) => w[0]).join('').toUpperCase() === initials);
}

function buildSpeakers(hits: readonly LabelHit[], accepted: Set<string>, keyOf: (raw: string) => string, hints: SpeakerHints): Speakers {
  const labelNames = [...accepted].filter((k) => k.includes(' ')).map((k) => hits.find((h) => speakerKey(h.raw) === k)?.raw ?? k);
  const known = [...(hints.known ?? []), ...labelNames];
  const spellings = new Map<string, Map<string, number>>();
  for (const h of hits) {
    const k = keyOf(h.raw);
    if (!accepted.has(k)) continue;
    const m = spellings.get(k) ?? new Map<string, number>();
    m.set(h.raw, (m.get(h.raw) ?? 0) + 1);
    spellings.set(k, m);
  }
  const display = new Map<string, string>();
  const variants = new Map<string, string[]>();
  for (const [k, m] of spellings) {
    // Prefer the fullest spelling (the key itself), then the most frequent one.
    const ranked = [...m].sort((a, b) => Number(speakerKey(b[0]) === k) - Number(speakerKey(a[0]) === k) || b[1] - a[1]);
    const shown = hints.aliases?.get(ranked[0]![0].trim()) ?? expandName(ranked[0]![0], known, hints.textNames) ?? ranked[0]![0];
    display.set(k, shown);
    variants.set(shown, [...new Set([...m.keys(), shown])]);
  }
  return {
    resolve: (raw) => (accepted.has(keyOf(raw)) ? display.get(keyOf(raw)) : undefined),
    variants,
  };
}
