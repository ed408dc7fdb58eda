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
