import { load } from 'cheerio';
import fc from 'fast-check';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/config/schema.js';
import { LecternError } from '../../src/errors.js';
import { ingest } from '../../src/ingest/index.js';
import type { Section, SourceDocument } from '../../src/model/document.js';
import { plan } from '../../src/plan/index.js';
import { render } from '../../src/render/index.js';
import { loadTemplates } from '../../src/render/templates.js';

/**
 * Any text, Markdown or plain: ingest and plan never throw (malformed front matter is the one
 * error the input may cause), every slide has a known template and notes, every pull quote is
 * words from the source, and the rendered page parses cleanly with one section per slide.
 */
const templates = loadTemplates();
const renderOptions = { templates, sourceDir: tmpdir(), width: 1280, height: 720, version: 'test' };

// Documents built from blocks (headings, labelled turns, pull quotes with attributions, lists,
// tables, code, HTML of every kind, hostile included) in both languages, with noise between.
const WORDS = ['the', 'canal', 'bridge', 'never', 'flooded', 'we', 'kept', 'guessing', 'high', 'for', 'a', 'century', 'and', 'stone', 'lasts', 'because', 'nobody', 'knew', 'loads', 'it', 'is', 'like', 'river', 'he said', 'I', 'think', 'that', 'matters', '**bold**', '_light_', '`code`', '&', '<', '>', '“quoted”', 'it’s', '<b>b</b>', '<img src=x onerror=alert(1)>', '[link](javascript:x)', '\\', '{{x}}'];
const CLAUSES = ['我们在这里工作', '每天都很忙', '热爱就像火', '越烧越旺', '没有捷径可走', '这是最重要的', '技术改变了一切', '他说', '就像一条河', '在这个领域', '<b>粗体</b>', '“引号”'];
const HTML = [
  '<script>window.x = 1</script>', '<div onclick="x()">div</div>', '<iframe src="https://x.example/"></iframe>', '<p style="background:url(http://x.example/a.png)">p</p>',
  '<svg onload="x()"><circle r="2"/></svg>', '<style>@import "https://x.example/a.css";</style>', '<div>\n<section data-slide="9"><aside class="notes">n</aside></section>\n</div>',
  '<div>\n</div></section></div>\n</div>', '<details open><summary>s</summary>text</details>', '<table><tr><td>1</td></tr></table>', '<!-- slides: section -->', '<!-- commentary -->',
  '<a href="&#106;avascript:x">a</a>', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>', '<form action="https://x.example"><input></form>',
];
const NOISE = ['\n', ' ', '\t', '*', '_', '`', '[', ']', '(', ')', '<', '>', '&', '#', '|', '---', '```', '<!--', '-->', '\u00a0', '\u3000', '。', '？', '?', '.'];
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const en = fc.tuple(fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 16 }), fc.constantFrom('.', '?', '!', ';', '')).map(([w, end]) => capital(w.join(' ')) + end);
const zh = fc.tuple(fc.array(fc.constantFrom(...CLAUSES), { minLength: 1, maxLength: 4 }), fc.constantFrom('。', '？', '！', '')).map(([c, end]) => c.join('，') + end);
const sentence = fc.oneof(en, zh);
const para = fc.tuple(fc.array(sentence, { minLength: 1, maxLength: 5 }), fc.constantFrom(' ', '', '\n')).map(([ss, sep]) => ss.join(sep));
const label = fc.constantFrom('Q: ', 'A: ', 'Q：', '记者：', '张三：', '问：', '答：', '**Host:** ', '**Ann Lee:** ', 'Note: ');
const block = fc.oneof(
  { weight: 3, arbitrary: para },
  { weight: 4, arbitrary: fc.tuple(label, para).map(([l, p]) => l + p) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('# ', '## ', '### ', '#### '), fc.oneof(en, zh)).map(([h, t]) => h + t) },
  { weight: 2, arbitrary: fc.tuple(para, fc.constantFrom('— Ann Lee', '-- 张三', '—', '— <b>X</b>')).map(([p, by]) => `> ${p}\n\n${by}`) },
  { weight: 1, arbitrary: fc.array(sentence, { minLength: 1, maxLength: 8 }).map((items) => items.map((i, k) => `${k % 3 === 2 ? '1.' : '-'} ${i}`).join('\n')) },
  { weight: 1, arbitrary: fc.array(fc.tuple(sentence, sentence), { minLength: 1, maxLength: 5 }).map((rows) => ['| a | b |', '|---|---|', ...rows.map(([x, y]) => `| ${x} | ${y} |`)].join('\n')) },
  { weight: 1, arbitrary: sentence.map((t) => `\`\`\`js\n${t}\n<script>x</script>\n\`\`\``) },
  { weight: 2, arbitrary: fc.constantFrom(...HTML) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.constantFrom(...NOISE), fc.string({ maxLength: 4 })), { maxLength: 12 }).map((a) => a.join('')) },
);
const text = fc.tuple(fc.constantFrom('', '---\ntitle: A talk\n---\n', '---\ntitle: [open\n---\n', '记者：张三\n\n'), fc.array(fc.tuple(block, fc.constantFrom('\n\n', '\n\n', '\n', '\n\n\n')), { minLength: 2, maxLength: 40, size: 'medium' })).map(
  ([head, blocks]) => head + blocks.map(([b, sep]) => b + sep).join(''),
);
const file = fc.constantFrom('talk.md', 'talk.txt');

/** Every piece of source text the document holds, which quotes must come from. */
function sourceText(doc: SourceDocument): string {
  const out: string[] = [...doc.intro];
  const walk = (s: Section) => {
    for (const b of s.blocks) {
      if (b.kind === 'exchange') out.push(b.question?.text ?? '', b.answer?.text ?? '', ...(b.more ?? []).map((t) => t.text), ...b.commentary);
      else if ('text' in b) out.push(b.text);
    }
    s.subsections.forEach(walk);
  };
  doc.sections.forEach(walk);
  return out.join('\n');
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

// Parse errors about characters in text (controls, odd references) say nothing about structure.
const TEXT_ONLY = /character|surrogate|noncharacter|control/;

function check(source: string, name: string): void {
  let doc: SourceDocument;
  try {
    doc = ingest(source, name);
  } catch (e) {
    if (e instanceof LecternError && e.code === 'CONTENT' && /front matter/.test(e.message)) return;
    throw e;
  }
  const p = plan(doc, defaults);
  expect(p.slides.length).toBeGreaterThanOrEqual(2);
  const from = squeeze(sourceText(doc));
  for (const s of p.slides) {
    expect(templates.slides.has(s.template), s.template).toBe(true);
    expect(typeof s.notes).toBe('string');
    if (s.quote) expect(from).toContain(squeeze(s.quote.text));
  }
  const errors: string[] = [];
  const $ = load(render(p, renderOptions).html, { onParseError: (e: { code: string }) => void (TEXT_ONLY.test(e.code) || errors.push(e.code)) } as never);
  expect(errors).toEqual([]);
  expect($('section[data-slide]')).toHaveLength(p.slides.length);
  expect($('.slides > section > aside.notes')).toHaveLength(p.slides.length);
  expect($('.slides script, .slides iframe, .slides style, .slides svg')).toHaveLength(0);
}

/**
 * Documents per run: fast-check's default. Each is a whole ingest, plan and render (about 35 ms,
 * 60–70 ms on a loaded machine); 400 made this file half of `npm run test:unit`'s time. The seed
 * differs on every run, so runs add up; LECTERN_PIPELINE_RUNS=2000 digs deeper on demand.
 */
const runs = Number(process.env.LECTERN_PIPELINE_RUNS) || 100;

describe('the pipeline on any text', () => {
  it('ingests, plans and renders without throwing, keeping its invariants', () => {
    fc.assert(fc.property(text, file, (s, f) => check(s, f)), { numRuns: runs });
  });

  it('does the same for arbitrary Unicode', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), file, (s, f) => check(s, f)), { numRuns: 80 });
  });
});
