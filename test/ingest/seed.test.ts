import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeBlock, SourceDocument } from '../../src/model/document.js';
import { decodeBytes } from '../../src/ingest/decode.js';
import { ingestPlainText } from '../../src/ingest/plain-text.js';
import { inferTurns } from '../../src/ingest/turns.js';
import { allText, exchanges, hasSeed, SEED_PATH, structure } from './helpers.js';

const SKIP = `reference seed not found at ${SEED_PATH}; seed tests skipped`;
if (!hasSeed) console.warn(SKIP);
const hasIconv = spawnSync('iconv', ['--version']).status === 0;
if (hasSeed && !hasIconv) console.warn('iconv not installed; the GB18030 re-encoding of the seed is skipped');

const INTERVIEWEE = '梁文峰';
const seedText = () => readFileSync(SEED_PATH, 'utf8');
const ingestSeed = (text = seedText()) => inferTurns(ingestPlainText(text, 'seed.txt'));

/**
 * A careful reading of the seed: for each of its 16 units, in order, the (sub)section it sits
 * in, whether the interviewer asks a question, how the interviewee's spoken answer ends, and
 * how the editorial commentary right after it begins. The answer runs from the label to the
 * end fragment; the commentary starts with the next character.
 */
const READING: { section: string; asked: boolean; answerEnds: string; commentaryStarts: string }[] = [
  { section: '中国创新为何让硅谷惊讶?', asked: true, answerEnds: '毕竟大部分中国公司习惯 follow,而不是创新。', commentaryStarts: '在硅谷这个全球创新的高地,创新成果层出不穷。' },
  { section: '创新与商业化的艰难抉择', asked: true, answerEnds: '以及不知道怎么组织高密度的人才实现有效的创新。', commentaryStarts: '在大模型领域,创新与商业化就像天平的两端,难以平衡。' },
  { section: '商业化为何成为第一要义?', asked: true, answerEnds: '我们只是被过去那种惯性束缚了,但它也是阶段性的。', commentaryStarts: '回顾过去三十年,中国经济处于高速发展阶段' },
  { section: '开源创新,如何构建护城河?', asked: true, answerEnds: '一个公司这么做也会有文化的吸引力。', commentaryStarts: '在 AI 领域,技术更新换代的速度犹如闪电。' },
  { section: '如何看待市场信仰派观点?', asked: false, answerEnds: '你看美国最赚钱的公司都是厚积薄发的高科技公司。', commentaryStarts: '在商业世界里,不同的理念就像不同的道路,通向不同的方向。' },
  { section: '大模型技术之外,赌的是什么?', asked: true, answerEnds: '所以中国必然需要有人站到技术的前沿。', commentaryStarts: '在大模型的竞技场上,技术领先固然重要,但绝非决胜的唯一因素。' },
  { section: '(一)奇才还是平凡人?', asked: true, answerEnds: '还有一些毕业才几年的年轻人。', commentaryStarts: '外界常常对 Deepseek 的团队充满好奇' },
  { section: '(二)本土人才的崛起', asked: true, answerEnds: '但也许我们能自己打造这样的人。', commentaryStarts: '在大模型领域,许多公司热衷于从海外挖掘人才' },
  { section: '(三)独特的选人标准', asked: true, answerEnds: '很多人对做研究的渴望远超对钱的在意。', commentaryStarts: 'Deepseek的选人标准别具一格' },
  { section: '创新组织的管理之道', asked: true, answerEnds: '我们也会自上而下地去调配资源。', commentaryStarts: '在 AGI 这片充满未知的海洋中航行' },
  { section: '创新是偶然还是信念?', asked: false, answerEnds: '这种信心通常在年轻人身上更明显。', commentaryStarts: '创新,绝非偶然的灵光乍现,而是源于坚定的信念和无畏的勇气。' },
  { section: '为何只做研究探索?', asked: true, answerEnds: '而是走到技术的前沿去推动整个生态发展。', commentaryStarts: '在 AI 发展的浪潮中,许多公司都试图在模型研发和应用拓展上同时发力' },
  { section: '经济下行对创新的影响', asked: true, answerEnds: '就会更愿意俯身去做真正的创新。', commentaryStarts: '在经济下行、资本冷周期的大环境下,很多人担忧原创式创新会受到抑制。' },
  { section: '技术能否拉开差距?', asked: true, answerEnds: '所以实际的护城河还是很宽广。', commentaryStarts: '在技术的江湖中,没有永远的秘密武器 。' },
  { section: '中国在 IT 浪潮中的角色转变', asked: true, answerEnds: '只因为之前我们没有参与这个过程。以至于忽视了它的存在。', commentaryStarts: '回顾过去三十多年的 IT 浪潮' },
  { section: '对国内原始创新的乐观展望', asked: false, answerEnds: '我们只是还需要一堆事实和一个过程。', commentaryStarts: '梁文峰以自己的成长经历为切入点,描绘了一幅生动的社会观念变迁图。' },
];

/** The true answer of a unit, from the source line: after the label, up to the end fragment. */
function trueAnswer(sourceLine: string, r: (typeof READING)[number]): string {
  const start = sourceLine.indexOf(`${INTERVIEWEE}:`) + INTERVIEWEE.length + 1;
  const end = sourceLine.indexOf(r.answerEnds, start) + r.answerEnds.length;
  return sourceLine.slice(start, end);
}

// Nothing is read while the tests are collected: without the seed, the block is skipped and its
// beforeAll never runs.
describe.skipIf(!hasSeed)(hasSeed ? 'the reference seed' : `the reference seed (skipped: ${SEED_PATH} is absent)`, () => {
  let doc: SourceDocument;
  let units: { section: string; x: ExchangeBlock }[];
  let lines: string[];
  beforeAll(() => {
    const text = seedText();
    doc = ingestSeed(text);
    units = exchanges(doc);
    lines = text.split('\n');
  });

  it('has 14 themed sections, one of them with 3 subsections', () => {
    expect(doc.sections).toHaveLength(14);
    expect(doc.sections.map((s) => s.subsections.length).sort()).toEqual([...Array(13).fill(0), 3]);
    expect(doc.sections.every((s) => s.level === 2 && s.subsections.every((x) => x.level === 3))).toBe(true);
  });

  it('has 16 units, 13 of them with a question attributed to the interviewer', () => {
    expect(units).toHaveLength(16);
    const asked = units.filter((u) => u.x.question?.role === 'interviewer' && u.x.question.speaker === '记者');
    expect(asked).toHaveLength(13);
    expect(units.map((u) => u.section)).toEqual(READING.map((r) => r.section));
    expect(units.map((u) => u.x.question !== undefined)).toEqual(READING.map((r) => r.asked));
  });

  it('reads the date, subtitle, people and intro', () => {
    expect(doc.meta).toMatchObject({ date: '2025-03-13', lang: 'zh', interviewer: '记者', interviewee: INTERVIEWEE, author: INTERVIEWEE });
    expect(doc.meta.subtitle).toBe('Deepseek 引发的 AI 讨论热潮');
    expect(doc.intro).toHaveLength(1);
    expect(doc.intro[0]).toMatch(/^以下内容是记者对/);
  });

  it('carries none of the page noise anywhere', () => {
    const text = allText(doc);
    expect(text).not.toContain('点击次数');
    expect(text).not.toContain('发布时间');
    expect(text).not.toContain('17:30:48');
    expect(text.split('\n').map((l) => l.trim())).not.toContain('次');
    expect(JSON.stringify(doc)).not.toMatch(/点击次数|发布时间/);
  });

  it('my reading is consistent with the source: commentary starts right where the answer ends', () => {
    for (const [i, r] of READING.entries()) {
      const source = lines[units[i]!.x.line - 1]!;
      const answer = trueAnswer(source, r);
      expect(source.slice(source.indexOf(answer) + answer.length).startsWith(r.commentaryStarts), r.section).toBe(true);
    }
  });

  it('starts every answer at the interviewee label, never past the true answer, never into commentary', () => {
    for (const [i, r] of READING.entries()) {
      const { x } = units[i]!;
      const source = lines[x.line - 1]!;
      const truth = trueAnswer(source, r);
      expect(x.answer?.speaker, r.section).toBe(INTERVIEWEE);
      expect(x.answer!.line, r.section).toBe(x.line);
      expect(x.answer!.text.length, r.section).toBeGreaterThan(0);
      expect(truth.startsWith(x.answer!.text), `${r.section}: answer runs past the true end`).toBe(true);
      expect(x.answer!.text, r.section).not.toContain(r.commentaryStarts);
      expect(x.commentary[0]!.length).toBeGreaterThan(0);
    }
  });

  it('matches the careful reading exactly for all 16 answers, and flags each boundary as a guess', () => {
    const exact = READING.filter((r, i) => units[i]!.x.answer!.text === trueAnswer(lines[units[i]!.x.line - 1]!, r));
    expect(exact.map((r) => r.section)).toEqual(READING.map((r) => r.section));
    for (const [i, r] of READING.entries()) expect(units[i]!.x.commentary[0]!.startsWith(r.commentaryStarts), r.section).toBe(true);
    expect(units.every((u) => u.x.boundaryGuessed)).toBe(true);
    const warnings = doc.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings).toHaveLength(16);
    expect(warnings.map((w) => w.pos)).toEqual(units.map((u) => ({ file: 'seed.txt', line: u.x.line })));
  });

  it('has the same structure when re-encoded as UTF-16 LE with a BOM and CRLF line endings', () => {
    const crlf = seedText().replace(/\n/g, '\r\n');
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf, 'utf16le')]));
    const decoded = decodeBytes(bytes, 'seed.txt');
    expect(decoded.encoding).toBe('utf-16le');
    expect(structure(ingestSeed(decoded.text), true)).toEqual(structure(doc, true));
  });

  it.skipIf(!hasIconv)('has the same structure when re-encoded as GB18030 (iconv) with CRLF line endings', () => {
    const crlf = Buffer.from(seedText().replace(/\n/g, '\r\n'), 'utf8');
    const bytes = new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: crlf }));
    const decoded = decodeBytes(bytes, 'seed.txt');
    expect(decoded.encoding).toBe('gb18030');
    expect(structure(ingestSeed(decoded.text), true)).toEqual(structure(doc, true));
  });
});
