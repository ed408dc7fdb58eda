/**
 * What a transcript carries besides the words spoken: stage directions and inline time stamps
 * inside a turn, and whole lines that are no one's speech (credits, translator notes, link
 * reference definitions, `[#]:` metadata, sponsor reads, greetings and sign-offs). Slides and
 * quotes leave them out; the notes keep the words themselves.
 */
import { TIMESTAMP } from './labels.js';

const STAGE_EN =
  'laughter|laughs?|laughing|chuckles?|chuckling|giggles?|applause|clapping|music|intro music|outro music|crosstalk|cross-talk|cross talk|' +
  'inaudible|unintelligible|indiscernible|incomprehensible|silence|pause|long pause|coughs?|sighs?|groans?|background noise|noise|' +
  'audio cuts out|audio glitch|break|beep|bleep|static|sound|sound effect|video|clip|ad|ad break|sponsor|sponsor read|interruption|overlapping|' +
  'both laugh|all laugh|audience laughs|laughs nervously|off mic|off-mic';
const STAGE_ZH = '笑|笑声|大笑|众笑|全场笑|掌声|鼓掌|音乐|片头音乐|片尾音乐|停顿|沉默|听不清|咳嗽|叹气|插话|背景音|背景音乐|广告|口误|音频中断';

// `[laughter]`, `\[laughs\]` (plain text has lost the backslash), `[inaudible 00:12]`: any short
// lower-case run in square brackets is a direction; in parentheses only the known words are, so
// `(for example)` stays.
const BRACKETED_LOWER = String.raw`\[(?:[a-z][a-z' -]{1,40}?)(?:[ ,]+${TIMESTAMP})?\](?![(\[:])`;
const KNOWN = String.raw`[(（\[【](?:${STAGE_EN}|${STAGE_ZH})[)）\]】]`;
const INLINE_TS = String.raw`[\[(（【]${TIMESTAMP}[\])）】]`;
const STAGE = new RegExp(String.raw`[ \t]*(?:${KNOWN}|${BRACKETED_LOWER}|${INLINE_TS})`, 'giu');

/**
 * Removes stage directions (`[laughter]`, `(笑)`, `【笑声】`) and inline time stamps
 * (`[00:20:19.18]`) from a turn's words, and the spaces they leave doubled.
 */
export function stripStageDirections(text: string): string {
  if (!/[[(（【]/u.test(text)) return text;
  return text
    // Markdown source escapes the brackets (`\[laughter\]`).
    .replace(/\\([[\]()])/gu, '$1')
    .replace(STAGE, '')
    .replace(/[ \t]{2,}/gu, ' ')
    .replace(/^[ \t]+|[ \t]+$/gmu, '')
    .replace(/^\s*[,，]\s*/u, '');
}

/** Credits and translator lines: who chose, translated, proof-read or transcribed the text. */
const CREDITS = new RegExp(
  String.raw`^(?:选题|译者|翻译|校对|审校|审稿|编译|整理|听译|字幕|原文|原文链接|原作者|出品|策划|责编|排版|校订|作者|来源|via|` +
    String.raw`transcribed by|transcript by|transcription by|translated by|translation by|edited by|produced by|` +
    String.raw`transcript|translation|credits?|music by|sponsored by|source)\s*[:：]`,
  'iu',
);
const TRANSLATOR_NOTE = /^[(（【\[]?(?:译者注|译注|编者注|编注|注|translator'?s note|editor'?s note|tn|ed\.?)\s*[:：]/iu;
const LINK_DEFINITION = /^\s{0,3}\[[^\]\n]+\]:\s*\S+/u;
const METADATA = /^\s*\[#\]:\s/u;

/** True for a whole line or paragraph that is no one's speech: credits, notes, link definitions. */
export function isCreditLine(text: string): boolean {
  const t = text.trim();
  return CREDITS.test(t) || TRANSLATOR_NOTE.test(t) || LINK_DEFINITION.test(t) || METADATA.test(t);
}

const PLEASANTRY = new RegExp(
  [
    // Sponsor reads.
    String.raw`\b(?:sponsored by|brought to you by|thanks to our sponsors?|today'?s sponsor|this episode is (?:sponsored|supported)|use (?:the )?(?:code|promo code)|promo code)\b`,
    String.raw`(?:本期节目由|感谢.{0,12}赞助|赞助商|优惠码)`,
    // Greetings, thanks and sign-offs.
    String.raw`^(?:(?:hi|hello|hey)(?: everyone| everybody| all| there)?|welcome(?: back)?(?: to| everyone)?|good (?:morning|afternoon|evening)|thanks? (?:you )?(?:so much |very much )?(?:for (?:having|joining|coming|listening|watching|being)|everyone)|thank you|thanks(?! to\b)|great to (?:be|have)|(?:it'?s )?(?:a )?pleasure to|see you (?:next|soon)|bye|goodbye|cheers)\b`,
    String.raw`^(?:大家好|各位(?:听众|观众|朋友)?(?:大家)?好|欢迎(?:收听|来到|收看|大家)|谢谢(?:大家|邀请|您|你)?|感谢(?:收听|收看|邀请|大家)|我们下期再见|下期再见|再见|拜拜)`,
  ].join('|'),
  'iu',
);

/** True for a sponsor read, a greeting, a thank-you or a sign-off: never a pull quote or a point. */
export function isPleasantry(sentence: string): boolean {
  return PLEASANTRY.test(sentence.trim().replace(/^[“"'‘(（]+/u, ''));
}

// `（00:00~01:11）`, `(03:09-05:56)`, `[28:30~]`, `(12:40)`: a chapter's place in the recording.
const HEADING_TIME = new RegExp(String.raw`[ \t]*[(（\[【]\s*${TIMESTAMP}\s*(?:[~～–—-]\s*(?:${TIMESTAMP})?\s*)?[)）\]】][ \t]*$|^[ \t]*[\[(（【]?${TIMESTAMP}(?:\s*[~～–—-]\s*${TIMESTAMP})?[\])）】]?[ \t]*[-–—:：]?[ \t]*(?=\S)`, 'u');

/**
 * A heading without the time stamp or time range a transcript's chapters carry
 * (`概览（00:00~01:11）` → `概览`), and the stamp itself for the notes. A heading that is only a
 * time stamp keeps it.
 */
export function splitHeadingTime(title: string): { title: string; time?: string } {
  const m = HEADING_TIME.exec(title);
  if (!m) return { title };
  const rest = (title.slice(0, m.index) + title.slice(m.index + m[0].length)).trim();
  if (!/[\p{L}\p{N}]/u.test(rest)) return { title };
  return { title: rest, time: m[0].replace(/^[\s\-–—:：]+|[\s\-–—:：]+$/gu, '') };
}
