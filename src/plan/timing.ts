import type { ReadingSpeed } from '../config/schema.js';
import type { Lang } from '../model/document.js';
import { measure } from '../text/lang.js';

/**
 * Seconds it takes to say a text aloud at the configured reading speed. The deck's language
 * does not matter: mixed text is timed per script, Han characters at the Chinese rate and
 * Latin words at the English rate.
 */
export function speakingSeconds(text: string, _lang: Lang, speed: ReadingSpeed): number {
  const { han, words } = measure(text);
  return (han / speed.zhCharsPerMinute + words / speed.enWordsPerMinute) * 60;
}

/** Formats seconds as `m:ss`. */
export function clock(seconds: number): string {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The time line that ends each slide's notes. */
export function timeLine(seconds: number, lang: Lang): string {
  const s = Math.max(1, Math.round(seconds));
  if (lang === 'zh') return `⏱ 约 ${s >= 60 ? `${Math.floor(s / 60)} 分 ` : ''}${s % 60} 秒`;
  return `⏱ about ${clock(s)}`;
}

/** The total line on the title slide's notes. */
export function totalLine(seconds: number, lang: Lang): string {
  const m = Math.round((seconds / 60) * 10) / 10;
  return lang === 'zh' ? `全场约 ${m} 分钟` : `Whole talk: about ${m} minutes`;
}
