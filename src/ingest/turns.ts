/**
 * Speaker turns: finds labelled turns in a document's paragraphs (from plain text or
 * Markdown), groups them into question/answer units, and separates each answer from the
 * editorial commentary after it.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import type { Block, DocumentMeta, ExchangeBlock, ParagraphBlock, Section, SourceDocument, Turn } from '../model/document.js';
import { splitAnswer } from './commentary.js';
import { escapeMarkdown } from './markdown-escape.js';
import { assignRoles, decideSpeakers, findLabels, isGenericLabel, type LabelHit, type Speakers } from './speakers.js';
import { blockSegments, LineCounter, paragraphSource, type Segment } from './turn-segments.js';

interface Unit {
  turns: Turn[];
  commentary: { text: string; guessed: boolean; line: number }[];
  explicit: boolean;
}

interface Context {
  file: string;
  lang: DocumentMeta['lang'];
  askers: Set<string>;
  speakers: Speakers;
  entities: string[];
  diagnostics: Diagnostic[];
}

/**
 * Turns labelled paragraphs into {@link ExchangeBlock}s: a question (interviewer's turn),
 * the answer, further turns in `more`, and the commentary after the answer (unlabelled
 * paragraphs after it, the text after a `<!-- commentary -->` marker, or the tail of the
 * answer's own paragraph where the words stop being the speaker's; the last is a guess,
 * flagged with `boundaryGuessed` and a warning). Fills `meta.interviewer`,
 * `meta.interviewee` (the most frequent other speaker) and `meta.author` when absent.
 * Returns the document itself when it has fewer than two speakers.
 */
export function inferTurns(doc: SourceDocument): SourceDocument {
  const hits = new Map<ParagraphBlock, LabelHit[]>();
  forEachParagraph(doc.sections, (p) => hits.set(p, findLabels(paragraphSource(p))));
  const speakers = decideSpeakers([...hits.values()].flat());
  if (!speakers) return doc;
  const segmentsOf = (s: Section) => blockSegments(s.blocks, (p) => hits.get(p) ?? [], speakers);
  const allTurns: Turn[] = [];
  forEachSection(doc.sections, (s) => {
    for (const seg of segmentsOf(s)) if (seg.kind === 'turn') allTurns.push({ ...seg, role: 'interviewee' });
  });
  const askers = assignRoles(allTurns);
  const ctx: Context = {
    file: doc.file,
    lang: doc.meta.lang,
    askers,
    speakers,
    entities: topicEntities(doc),
    diagnostics: [],
  };
  const rebuild = (s: Section): Section => ({
    ...s,
    blocks: groupUnits(segmentsOf(s), s.title, ctx),
    subsections: s.subsections.map(rebuild),
  });
  return {
    ...doc,
    meta: fillMeta(doc.meta, allTurns, askers),
    sections: doc.sections.map(rebuild),
    diagnostics: [...doc.diagnostics, ...ctx.diagnostics],
  };
}

function forEachSection(sections: readonly Section[], fn: (s: Section) => void): void {
  for (const s of sections) {
    fn(s);
    forEachSection(s.subsections, fn);
  }
}

function forEachParagraph(sections: readonly Section[], fn: (p: ParagraphBlock) => void): void {
  forEachSection(sections, (s) => {
    for (const b of s.blocks) if (b.kind === 'paragraph') fn(b);
  });
}

/**
 * Groups segments into units. An interviewer's turn opens a unit; an interviewee's turn joins
 * the open unit until commentary has begun; consecutive turns by one speaker are one turn.
 * Unlabelled text inside a unit is commentary; before any unit it stays a paragraph.
 */
function groupUnits(segments: readonly Segment[], heading: string, ctx: Context): Block[] {
  const out: Block[] = [];
  let unit: Unit | undefined;
  const close = () => {
    if (unit) out.push(toExchange(unit, ctx));
    unit = undefined;
  };
  const split = splitCommentary(segments, heading, ctx);
  for (const seg of split) {
    if (seg.kind === 'turn') {
      const role = ctx.askers.has(seg.speaker) ? 'interviewer' : 'interviewee';
      const turn: Turn = { speaker: seg.speaker, role, text: seg.text, line: seg.line };
      const open = unit && !unit.explicit && unit.commentary.length === 0 ? unit : undefined;
      const last = open?.turns.at(-1);
      if (open && last?.speaker === turn.speaker) last.text = [last.text, turn.text].filter(Boolean).join('\n\n');
      else if (open && role === 'interviewee') open.turns.push(turn);
      else {
        close();
        unit = { turns: [turn], commentary: [], explicit: false };
      }
    } else if (seg.kind === 'text') {
      if (unit) unit.commentary.push({ text: seg.text, guessed: seg.guessed ?? false, line: seg.line });
      else out.push(seg.block ?? { kind: 'paragraph', markdown: escapeMarkdown(seg.text), text: seg.text, line: seg.line });
    } else if (seg.kind === 'marker') {
      if (unit) unit.explicit = true;
    } else {
      close();
      out.push(seg.block);
    }
  }
  close();
  return out;
}

/**
 * Splits commentary off interviewee turns, except in units whose boundary the author marked:
 * a marker after the unit's turns (before any unlabelled text, block or new question).
 */
function splitCommentary(segments: readonly Segment[], heading: string, ctx: Context): Segment[] {
  const out: Segment[] = [];
  // Reading backwards, `marked` says a marker follows with only this unit's turns between.
  let marked = false;
  for (let i = segments.length - 1; i >= 0; i--) {
    const seg = segments[i]!;
    if (seg.kind !== 'turn' || ctx.askers.has(seg.speaker)) {
      marked = seg.kind === 'marker';
      out.push(seg);
      continue;
    }
    const names = nameForms(seg.speaker, ctx.speakers);
    const cut = marked ? { answer: seg.text } : splitAnswer(seg.text, ctx.lang, { names, entities: ctx.entities, heading });
    if (cut.commentary === undefined) out.push(seg);
    else {
      const line = new LineCounter(seg.text, seg.line).at(cut.offset ?? 0);
      out.push({ kind: 'text', text: cut.commentary, line, guessed: true }, { ...seg, text: cut.answer });
    }
  }
  return out.reverse();
}

function toExchange(unit: Unit, ctx: Context): ExchangeBlock {
  const turns = [...unit.turns];
  const question = turns[0]!.role === 'interviewer' ? turns.shift() : undefined;
  const answer = turns.shift();
  const guessed = unit.commentary.find((c) => c.guessed);
  if (guessed) {
    ctx.diagnostics.push({
      severity: 'warning',
      message: `guessed where the answer${answer ? ` by ${answer.speaker}` : ''} ends and the commentary begins; review it with lectern outline`,
      pos: { file: ctx.file, line: guessed.line },
    });
  }
  return {
    kind: 'exchange',
    ...(question ? { question } : {}),
    ...(answer ? { answer } : {}),
    ...(turns.length > 0 ? { more: turns } : {}),
    commentary: unit.commentary.map((c) => c.text),
    ...(guessed ? { boundaryGuessed: true } : {}),
    line: unit.turns[0]!.line,
  };
}

/**
 * How running text may name a speaker: each label spelling, a Chinese given name, surname
 * with a title (`梁总`, `张老师`), an English surname or title plus surname.
 */
function nameForms(speaker: string, speakers: Speakers): string[] {
  const forms = new Set<string>();
  for (const v of speakers.variants.get(speaker) ?? [speaker]) {
    if (isGenericLabel(v)) continue;
    forms.add(v);
    if (/^\p{Script=Han}{3}$/u.test(v)) {
      forms.add(v.slice(1));
      for (const t of ['总', '老师', '先生', '女士', '博士', '教授']) forms.add(v[0] + t);
    }
    const words = v.split(/\s+/u);
    const surname = words.at(-1)!;
    if (words.length > 1 && surname.length >= 3) {
      forms.add(surname);
      for (const t of ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.']) forms.add(`${t} ${surname}`);
    }
  }
  return [...forms];
}

/**
 * Names the commentary may use for what the interview is about: in a Chinese text, Latin
 * proper names from the title, subtitle and intro (`Acme` stands out among Han characters);
 * in any text, the organisation a founder or CEO is introduced with.
 */
function topicEntities(doc: SourceDocument): string[] {
  const text = [doc.meta.title, doc.meta.subtitle ?? '', ...doc.intro].join('\n');
  const found = new Set<string>();
  if (doc.meta.lang === 'zh') {
    for (const m of text.matchAll(/(?<![A-Za-z])[A-Za-z]*[A-Z][A-Za-z]*(?![A-Za-z])/gu)) {
      if (m[0].length >= 3 && /[a-z]/.test(m[0])) found.add(m[0]);
    }
  }
  const roles = String.raw`(?:联合)?创始人|创办人|董事长|总裁|首席执行官|CEO|founder|co-founder`;
  // The lookbehind starts a match only at a word's start, which keeps the scan linear.
  const before = new RegExp(String.raw`(?<![\w&.-])([A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,2})(?:'s)? ?(?:${roles})`, 'gu');
  for (const m of text.matchAll(before)) found.add(m[1]!);
  for (const m of text.matchAll(/\b(?:founder|CEO|chief executive) of ([A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,2})/gu)) found.add(m[1]!);
  return [...found];
}

function fillMeta(meta: DocumentMeta, turns: readonly Turn[], askers: Set<string>): DocumentMeta {
  const counts = new Map<string, number>();
  for (const t of turns) {
    if (!askers.has(t.speaker) && !isGenericLabel(t.speaker)) counts.set(t.speaker, (counts.get(t.speaker) ?? 0) + 1);
  }
  const interviewee = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const interviewer = [...askers].find((a) => !isGenericLabel(a));
  return {
    ...meta,
    ...(meta.interviewer === undefined && interviewer ? { interviewer } : {}),
    ...(meta.interviewee === undefined && interviewee ? { interviewee } : {}),
    ...(meta.author === undefined && (meta.interviewee ?? interviewee) ? { author: meta.interviewee ?? interviewee } : {}),
  };
}
