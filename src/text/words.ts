import type { Lang } from '../model/document.js';

/** Words Lectern puts on slides and in notes, per language. */
export const words = {
  zh: {
    agenda: '内容概览',
    closing: '谢谢',
    recap: '回顾',
    cont: '（续）',
    part: (n: number) => `第 ${n} 部分`,
    now: (title: string) => `下面进入：${title}。`,
    next: (title: string) => `本部分之后：${title}`,
    first: (title: string) => `我们从“${title}”开始。`,
    answer: (name: string) => `${name}的完整回答：`,
    commentary: '要点与评论：',
    question: (name: string) => `${name}问：`,
    dropped: '（为控制时长，以下内容只在备注中）',
    questionLabel: '提问',
  },
  en: {
    agenda: 'Agenda',
    closing: 'Thank you',
    recap: 'Recap',
    cont: ' (cont.)',
    part: (n: number) => `Part ${n}`,
    now: (title: string) => `Now we turn to “${title}”.`,
    next: (title: string) => `After this part: ${title}`,
    first: (title: string) => `We begin with “${title}”.`,
    answer: (name: string) => `${name}'s full answer:`,
    commentary: 'Talking points:',
    question: (name: string) => `${name} asked:`,
    dropped: '(Left out to fit the time slot; kept here in the notes.)',
    questionLabel: 'Question',
  },
} as const satisfies Record<Lang, unknown>;

/**
 * A heading that numbers itself: "一、", "（二）", "第三章", "3.", "2.1 ", "Part 4:", "IV.". An agenda
 * of such headings shows no numbers of its own, and their dividers no "Part n" kicker.
 */
export function startsWithOrdinal(title: string): boolean {
  return /^\s*(?:[一二三四五六七八九十百]+\s*[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|第[一二三四五六七八九十百\d]+\s*[章节部分讲课篇回]|\d{1,2}(?:\.\d{1,2})+\s+(?=\S)|\d{1,2}[、)）]\s*(?=\S)|\d{1,2}[.．](?!\d)\s*(?=\S)|(?:part|chapter|section|lesson|unit)\s+(?:\d+|[ivx]+|one|two|three|four|five|six|seven|eight|nine|ten)\b|[IVX]{1,4}\.\s)/iu.test(title);
}
