import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * A long lecture: a title, an agenda, then `sections` parts of prose, four key points (each a
 * fragment on its slide) and more prose. 31 sections plan to 100 slides in either language.
 */
export function lecture(lang: 'en' | 'zh', sections: number): string {
  const en = (i: number) => `## Part ${i}: how the bench experiment number ${i} went

We started the session with a question about light and shadow, and the students measured the edge of the shadow with a ruler. The numbers changed every time someone moved the torch, which was the point of the exercise.

- Keep every experiment under five minutes
- Ask one question before touching anything
- Write the numbers down before arguing about them
- Repeat the measurement three times

Afterwards we compared the results across groups and found that the differences came mostly from where people stood, not from the instruments.
`;
  const zh = (i: number) => `## 第${i}部分：第${i}次实验是怎么做的

我们从一个关于光和影子的问题开始，学生们用尺子测量影子的边缘。每次有人移动手电筒，数字都会变化，这正是这个练习的意义所在。

- 每个实验不超过五分钟
- 动手之前先问一个问题
- 先记下数字再争论
- 每次测量重复三次

之后我们比较了各组的结果，发现差异主要来自人站的位置，而不是仪器本身。
`;
  const title = lang === 'zh' ? '五分钟实验课' : 'The Five-Minute Lab';
  const part = lang === 'zh' ? zh : en;
  return `---
title: "${title}"
subtitle: "${lang === 'zh' ? '小实验，大收获' : 'Small experiments, often'}"
author: "Ada Test"
date: 2025-09-01
lang: ${lang}
keywords: [teaching, physics]
---

# ${title}

${Array.from({ length: sections }, (_, i) => part(i + 1)).join('\n')}`;
}

/** Mean grey level (0 black … 255 white) of a PDF page rendered small. */
export function pageBrightness(pdf: string, page: number, out: string): number {
  const r = spawnSync('pdftoppm', ['-gray', '-r', '20', '-f', String(page), '-l', String(page), '-singlefile', pdf, out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
  const pgm = readFileSync(`${out}.pgm`);
  // P5 header: magic, width, height, max value, each followed by whitespace.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'))!;
  const pixels = pgm.subarray(header[0].length);
  let sum = 0;
  for (const p of pixels) sum += p;
  return sum / pixels.length;
}
