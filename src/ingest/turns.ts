/**
 * Speaker turns: finds labelled turns in a document's paragraphs (from plain text or
 * Markdown), groups them into question/answer units, and separates each answer from the
 * editorial commentary after it.
 */
import type { Diagnostic } from '../model/diagnostics.js';
import type { Block, DocumentMeta, ExchangeBlock, ParagraphBlock, Section, SourceDocument, Turn } from '../model/document.js';
import { splitAnswer } from './commentary.js';
import { sentenceSignals } from './commentary-signals.js';
import { escapeMarkdown } from './markdown-escape.js';
import { decideSpeakers, findLabels, isGenericLabel, type LabelHit, type Speakers } from './speakers.js';
import { splitHeadingTime } from './transcript/noise.js';
import { aliasesInText, namesInText } from './transcript/people.js';
import { assignRoles } from './transcript/roles.js';
import { splitTopics } from './transcript/topics.js';
import { blockSegments, LineCounter, paragraphSegments, paragraphSource, standaloneQuestion, type Segment } from './turn-segments.js';

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
  /** The one guest a question with no labelled answer is put to (a talk's speaker), if known. */
  answerer?: string;
  diagnostics: Diagnostic[];
}

/**
 * Turns labelled paragraphs into {@link ExchangeBlock}s: a question (interviewer's turn),
 * the answer, further turns in `more`, and the commentary after the answer (unlabelled
 * paragraphs after it that do not read as speech, the text after a `<!-- commentary -->`
 * marker, or the tail of the answer's own paragraph where the words stop being the
 * speaker's; the last is a guess, flagged with `boundaryGuessed` and a warning). A label
 * alone on its line takes the paragraphs under it; a time stamp alone continues the speaker
 * before it. Fills `meta.interviewer`, `meta.interviewee` (the guest who speaks most) and
 * `meta.author` when absent. A long conversation with no headings is split into topics.
 * Returns the document itself when it has fewer than two speakers.
 */
export function inferTurns(source: SourceDocument): SourceDocument {
  const untimed = source.sections.map(untimedHeading);
  const doc = untimed.some((s, i) => s !== source.sections[i]) ? { ...source, sections: untimed } : source;
  const hits = new Map<ParagraphBlock, LabelHit[]>();
  const fieldLike = new Set<LabelHit>();
  const questionBlocks = countStandaloneQuestions(doc.sections);
  forEachParagraph(doc.sections, (p) => {
    const text = paragraphSource(p);
    const found = findLabels(text);
    found.forEach((h, i) => {
      const value = text.slice(h.end, found[i + 1]?.start ?? text.length).trim();
      if (value && wordCount(value) <= 5 && !/[.!?。！？…;；"'”’」』)）]$/u.test(value)) fieldLike.add(h);
    });
    hits.set(p, found);
  });
  const listed = doc.meta.speakers ?? [];
  const textNames = namesInText([doc.meta.title, doc.meta.subtitle ?? '', ...doc.intro].join('\n'));
  const prose = [doc.meta.title, doc.meta.subtitle ?? '', ...doc.intro, ...[...hits.keys()].slice(0, 20).map(paragraphSource)].join('\n');
  const hints = { known: listed, textNames, fieldLike, aliases: aliasesInText(prose) };
  const speakers = decideSpeakers([...hits.values()].flat(), { ...hints, minSpeakers: questionBlocks >= 2 ? 0 : 2 });
  if (!speakers) return unlabelAnswers(monologue(doc, hits, decideSpeakers([...hits.values()].flat(), { ...hints, minSpeakers: 1 })));
  const segmentsOf = (s: Section) => blockSegments(s.blocks, (p) => hits.get(p) ?? [], speakers, questionBlocks >= 2);
  const allTurns: Turn[] = [];
  forEachSection(doc.sections, (s) => {
    for (const seg of joinContinuations(segmentsOf(s))) {
      if (seg.kind !== 'turn') continue;
      const last = allTurns.at(-1);
      // One speaker's consecutive turns (a time stamp between paragraphs) are one turn.
      if (last?.speaker === seg.speaker) last.text = [last.text, seg.text].filter(Boolean).join('\n\n');
      else allTurns.push({ speaker: seg.speaker, text: seg.text, line: seg.line, role: 'interviewee' });
    }
  });
  const { askers, guesses } = assignRoles(allTurns, listed);
  const ctx: Context = {
    file: doc.file,
    lang: doc.meta.lang,
    askers,
    speakers,
    entities: topicEntities(doc),
    diagnostics: guesses.map((g) => ({ severity: 'info', message: `${g.reason}; review it with lectern outline`, pos: { file: doc.file, line: g.line } })),
  };
  const answerer = soleGuest(doc.meta, allTurns, askers, () => introducedGuest([doc.meta.title, doc.meta.subtitle ?? '', ...doc.intro, openingParagraph(doc)].join('\n')));
  ctx.answerer = answerer;
  const rebuild = (s: Section): Section => ({
    ...s,
    blocks: renameGeneric(groupUnits(segmentsOf(s), s.title, ctx), answerer),
    subsections: s.subsections.map(rebuild),
  });
  const meta = fillMeta(talkSpeaker(doc.meta, allTurns, askers, answerer), allTurns, askers, answerer);
  const sections = splitTopics(doc.sections.map(rebuild), meta, ctx.diagnostics, doc.file);
  return {
    ...doc,
    meta,
    sections,
    diagnostics: [...doc.diagnostics, ...ctx.diagnostics],
  };
}

// `解答：`, `**答案：**`, `Answer:`, `A:` opening a paragraph (alone on its line or before the words).
const ANSWER_LABEL = /^[ \t]*(?:\*\*|__)?(?:参考答案|答案|解答|回答|解析|答|answer|solution|explanation|a)[ \t]*(?:\*\*|__)?[:：](?:\*\*|__)?(?!\/\/)[ \t]*\n?/iu;

/**
 * In a document that is no conversation (a list of exercises with their answers, an FAQ), an
 * answer label at a paragraph's start only marks where the answer begins: it comes off, the
 * words stay. A paragraph that was only the label goes.
 */
function unlabelAnswers(doc: SourceDocument): SourceDocument {
  let changed = false;
  const fix = (blocks: readonly Block[]): Block[] =>
    blocks.flatMap((b): Block[] => {
      if (b.kind !== 'paragraph' || !ANSWER_LABEL.test(b.text)) return [b];
      changed = true;
      const text = b.text.replace(ANSWER_LABEL, '').trim();
      if (!text) return [];
      const lines = b.text.slice(0, b.text.length - b.text.replace(ANSWER_LABEL, '').length).split('\n').length - 1;
      return [{ ...b, text, markdown: b.markdown.replace(ANSWER_LABEL, '').trim(), line: b.line + lines }];
    });
  const walk = (s: Section): Section => ({ ...s, blocks: fix(s.blocks), subsections: s.subsections.map(walk) });
  const sections = doc.sections.map(walk);
  return changed ? { ...doc, sections } : doc;
}

/** Fewest labelled paragraphs that make one person's labels a monologue's rather than stray `X:` words. */
const MONOLOGUE_TURNS = 3;

/**
 * One speaker's transcript (`**Name:**` before each paragraph, no one else): not a conversation,
 * but the labels are not words of the talk. They come off the paragraphs, and the name becomes
 * the document's one speaker (and its author when it has none), so the prose is quoted as theirs.
 */
function monologue(doc: SourceDocument, hits: ReadonlyMap<ParagraphBlock, LabelHit[]>, speakers: Speakers | undefined): SourceDocument {
  const names = [...(speakers?.variants.keys() ?? [])];
  const name = names[0];
  if (!speakers || names.length !== 1 || !name || isGenericLabel(name)) return doc;
  const labelled = [...hits.values()].filter((h) => h.some((x) => x.kind === 'name' && speakers.resolve(x.raw) === name)).length;
  // Most paragraphs carry the label: a `Theorem:` now and then in lecture notes is no speaker.
  if (labelled < MONOLOGUE_TURNS || labelled < hits.size / 2) return doc;
  const unlabel = (blocks: readonly Block[]): Block[] =>
    blocks.flatMap((b): Block[] => {
      if (b.kind !== 'paragraph') return [b];
      const found = hits.get(b) ?? [];
      if (!found.some((h) => h.kind === 'name' && speakers.resolve(h.raw) === name)) return [b];
      return paragraphSegments(b, found, speakers).flatMap((seg): Block[] => {
        if (seg.kind === 'text') return [seg.block ?? { kind: 'paragraph', markdown: escapeMarkdown(seg.text), text: seg.text, line: seg.line }];
        if (seg.kind === 'turn' && seg.text) return [{ kind: 'paragraph', markdown: escapeMarkdown(seg.text), text: seg.text, line: seg.line }];
        return [];
      });
    });
  const strip = (s: Section): Section => ({ ...s, blocks: unlabel(s.blocks), subsections: s.subsections.map(strip) });
  return {
    ...doc,
    meta: { ...doc.meta, speakers: doc.meta.speakers?.length ? doc.meta.speakers : [name], author: doc.meta.author ?? name },
    sections: doc.sections.map(strip),
    diagnostics: [...doc.diagnostics, { severity: 'info', message: `one speaker, ${name}: read as a talk, labels left off the slides; review it with lectern outline`, pos: { file: doc.file, line: doc.sections[0]?.line ?? 1 } }],
  };
}

/**
 * A section whose heading carries a time stamp or range (`概览（00:00~01:11）`), as a
 * recording's chapters do: the heading without it, the stamp kept in the section's notes.
 */
function untimedHeading(section: Section): Section {
  const { title, time } = splitHeadingTime(section.title);
  const subsections = section.subsections.map(untimedHeading);
  const same = subsections.every((s, i) => s === section.subsections[i]);
  if (time) return { ...section, title, notes: [time, ...section.notes], subsections };
  return same ? section : { ...section, subsections };
}

/** Questions set apart with an answer paragraph right after them (bold, or a one-item list). */
function countStandaloneQuestions(sections: readonly Section[]): number {
  let n = 0;
  forEachSection(sections, (s) => {
    s.blocks.forEach((b, i) => {
      if (standaloneQuestion(b) && s.blocks[i + 1]?.kind === 'paragraph') n++;
    });
  });
  return n;
}

function wordCount(text: string): number {
  return (text.match(/\p{Script=Han}/gu)?.length ?? 0) / 2 + (text.match(/[A-Za-z0-9]+/g)?.length ?? 0);
}

/**
 * The person a generic answer label (`A:`, `答：`) stands for: the one guest the front matter
 * lists when no label names them, else the document's author when it has one.
 */
function soleGuest(meta: DocumentMeta, turns: readonly Turn[], askers: Set<string>, introduced: () => string | undefined = () => undefined): string | undefined {
  const named = new Set(turns.map((t) => t.speaker));
  const unlabelled = (meta.speakers ?? []).filter((n) => !named.has(n));
  const guests = new Set(turns.filter((t) => !askers.has(t.speaker) && !isGenericLabel(t.speaker)).map((t) => t.speaker));
  const genericAnswers = turns.some((t) => isGenericLabel(t.speaker) && !askers.has(t.speaker));
  // A talk's listed speaker, never labelled: the answers are theirs.
  if (unlabelled.length === 1 && guests.size === 0) return unlabelled[0];
  if (genericAnswers) {
    if (unlabelled.length === 1) return unlabelled[0];
    // `答:`/`A:` with no author: the one guest the title or intro introduces ("对馆长林秋的访谈", "an interview with the architect Mara Quell").
    return (meta.speakers ?? []).length === 0 ? (meta.author ?? introduced()) : undefined;
  }
  // A two-person interview: the one guest answers a question even where the label is left out.
  if (guests.size === 1 && askers.size > 0 && (meta.speakers ?? []).length <= 1) return [...guests][0];
  // Only the questions are marked (bold questions): the answers are the author's, or no one's in particular.
  if (guests.size === 0 && askers.size > 0) return meta.author ?? 'A';
  return undefined;
}

/** Roles a Chinese introduction puts before a guest's name ("馆长林秋", "站长周启明"). */
const GUEST_ROLES_ZH = '\\p{Script=Han}长|主任|主席|董事长|总裁|总经理|经理|创始人|创办人|首席执行官|教授|研究员|医生|律师|作家|导演|演员|教练|老师|博士|工程师|设计师|建筑师|科学家|艺术家|负责人|掌门人|CEO|CTO';
const GUEST_ZH = new RegExp(`(?:${GUEST_ROLES_ZH})(\\p{Script=Han}{2,3}?)(?:先生|女士)?的?(?:独家)?(?:专访|采访|访谈|对话)`, 'gu');
const GUEST_EN = /\b(?:interview|conversation|talk|chat|q&a)s? with (?:the |our )?(?:[a-z][\w-]* ){0,4}?((?:(?:Dr|Prof|Mr|Ms|Mrs)\.? )?[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,2})/gu;

/** The first paragraph of a document with no intro (plain text whose first lines open its one section), as an intro. */
function openingParagraph(doc: SourceDocument): string {
  if (doc.intro.length) return '';
  const first = doc.sections[0]?.blocks[0];
  return first?.kind === 'paragraph' && findLabels(first.text).length === 0 ? first.text : '';
}

/** The one guest a document's title, subtitle or intro introduces by name, if exactly one. */
export function introducedGuest(text: string): string | undefined {
  const names = new Set([...text.matchAll(GUEST_ZH), ...text.matchAll(GUEST_EN)].map((m) => m[1]!.trim()));
  return names.size === 1 ? [...names][0] : undefined;
}

/**
 * A talk or article whose only labels are on its questions (an audience Q&A as bold or listed
 * questions, a bare `Q:`/`A:`): the author the source names speaks all of it, the prose as
 * well as the answers, so the author is its one speaker.
 */
function talkSpeaker(meta: DocumentMeta, turns: readonly Turn[], askers: Set<string>, answerer: string | undefined): DocumentMeta {
  const author = meta.author;
  if (!author || (meta.speakers ?? []).length > 0 || answerer !== author) return meta;
  const others = turns.some((t) => !askers.has(t.speaker) && !isGenericLabel(t.speaker) && t.speaker !== author);
  return others ? meta : { ...meta, speakers: [author] };
}

function renameGeneric(blocks: Block[], answerer: string | undefined): Block[] {
  if (!answerer) return blocks;
  const rename = (t: Turn | undefined) => (t && t.role === 'interviewee' && isGenericLabel(t.speaker) ? { ...t, speaker: answerer } : t);
  return blocks.map((b) =>
    b.kind === 'exchange'
      ? { ...b, question: rename(b.question), answer: rename(b.answer), ...(b.more ? { more: b.more.map((t) => rename(t)!) } : {}) }
      : b,
  ) as Block[];
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
  const split = splitCommentary(joinContinuations(segments), heading, ctx);
  // Answers made of unlabelled paragraphs (a talk's speaker answering): later paragraphs go on with them.
  const unlabelled = new Set<Turn>();
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
      const asked = unit && unit.commentary.length === 0 && unit.turns.length === 1 && unit.turns[0]!.role === 'interviewer';
      // A talk's speaker answers without a label: the paragraph after a question is theirs.
      if (asked && ctx.answerer && !unit!.explicit) {
        const answer: Turn = { speaker: ctx.answerer, role: 'interviewee', text: seg.text, line: seg.line };
        unlabelled.add(answer);
        unit!.turns.push(answer);
      } else if (unit && unlabelled.has(unit.turns.at(-1)!) && unit.commentary.length === 0 && !unit.explicit) {
        const last = unit.turns.at(-1)!;
        last.text = `${last.text}\n\n${seg.text}`;
      } else if (unit) unit.commentary.push({ text: seg.text, guessed: seg.guessed ?? false, line: seg.line });
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
 * Unlabelled paragraphs that go on with a turn: every paragraph under a label that stands
 * alone on its line (`**Name:** 00:00:00`, then the words), and a paragraph after a turn that
 * reads as speech (first or second person, spoken particles) rather than as an editor's
 * commentary. Anything else ends the run.
 */
function joinContinuations(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  let turn: Extract<Segment, { kind: 'turn' }> | undefined;
  let absorbing = false;
  for (const seg of segments) {
    if (seg.kind === 'turn') {
      turn = { ...seg };
      absorbing = seg.labelOnly === true;
      out.push(turn);
      continue;
    }
    // A paragraph after a question answers it: it is not the asker's.
    if (seg.kind === 'text' && turn && (absorbing || (!/[?？][\s"'”’」』)）]*$/u.test(turn.text) && readsAsSpeech(seg.text)))) {
      turn.text = [turn.text, seg.text].filter(Boolean).join('\n\n');
      continue;
    }
    turn = undefined;
    absorbing = false;
    out.push(seg);
  }
  return out;
}

const NO_CONTEXT = { names: [], entities: [], heading: '' };

function readsAsSpeech(text: string): boolean {
  const s = sentenceSignals(text, NO_CONTEXT);
  return s.spoken > 0 && (s.strong === 0 || s.personal);
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

function fillMeta(meta: DocumentMeta, turns: readonly Turn[], askers: Set<string>, answerer: string | undefined): DocumentMeta {
  const counts = new Map<string, number>();
  for (const t of turns) {
    const name = isGenericLabel(t.speaker) && !askers.has(t.speaker) ? answerer : t.speaker;
    if (name && !askers.has(t.speaker) && !isGenericLabel(name)) counts.set(name, (counts.get(name) ?? 0) + wordCount(t.text));
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  const interviewee = ranked[0]?.[0];
  const total = ranked.reduce((n, [, c]) => n + c, 0);
  const dominant = ranked.length <= 1 || ranked[0]![1] >= (2 / 3) * total;
  const interviewer = [...askers].find((a) => !isGenericLabel(a) && !/^(?:audience|观众|听众)/iu.test(a));
  return {
    ...meta,
    ...(meta.interviewer === undefined && interviewer ? { interviewer } : {}),
    ...(meta.interviewee === undefined && interviewee ? { interviewee } : {}),
    // A panel of guests who share the floor has no one author; a guest who does most of the talking is it.
    ...(meta.author === undefined && (meta.interviewee ?? interviewee) && dominant ? { author: meta.interviewee ?? interviewee } : {}),
  };
}
