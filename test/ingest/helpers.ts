import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Block, ExchangeBlock, Section, SourceDocument } from '../../src/model/document.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Path of a fixture in test/fixtures/ingest. */
export function fixturePath(name: string): string {
  return resolve(here, '../fixtures/ingest', name);
}

/** Text of a fixture in test/fixtures/ingest. */
export function fixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** The reference seed lives beside the repository (../shared/seeds), when it is there: tests that read it skip without it. */
export { hasSeed, seedPath as SEED_PATH } from '../helpers/cli.js';

/** Every section and subsection, in reading order. */
export function allSections(doc: SourceDocument): Section[] {
  const out: Section[] = [];
  const walk = (s: Section) => {
    out.push(s);
    s.subsections.forEach(walk);
  };
  doc.sections.forEach(walk);
  return out;
}

/** Every exchange with the title of the (sub)section it is in. */
export function exchanges(doc: SourceDocument): { section: string; x: ExchangeBlock }[] {
  return allSections(doc).flatMap((s) =>
    s.blocks.filter((b): b is ExchangeBlock => b.kind === 'exchange').map((x) => ({ section: s.title, x })),
  );
}

/** Every piece of text a document carries, for "this never appears anywhere" checks. */
export function allText(doc: SourceDocument): string {
  const blockText = (b: Block): string[] => {
    if (b.kind === 'exchange') return [b.question?.text ?? '', b.answer?.text ?? '', ...(b.more ?? []).map((t) => t.text), ...b.commentary];
    if (b.kind === 'list') return b.items;
    if (b.kind === 'marker') return [];
    return [b.text];
  };
  const meta = [doc.meta.title, doc.meta.subtitle ?? '', doc.meta.author ?? ''];
  const sections = allSections(doc).flatMap((s) => [s.title, ...s.blocks.flatMap(blockText), ...s.notes]);
  return [...meta, ...doc.intro, ...doc.titleNotes, ...sections].join('\n');
}

/** The structure that must survive re-encoding and the outline round trip. */
export function structure(doc: SourceDocument, withLines = false): unknown {
  const turn = (t: { speaker: string; role: string; text: string; line: number } | undefined) =>
    t && { speaker: t.speaker, role: t.role, text: t.text, ...(withLines ? { line: t.line } : {}) };
  const block = (b: Block): unknown =>
    b.kind === 'exchange'
      ? { q: turn(b.question), a: turn(b.answer), more: (b.more ?? []).map(turn), commentary: b.commentary }
      : { kind: b.kind, text: 'text' in b ? b.text : undefined };
  const section = (s: Section): unknown => ({
    title: s.title,
    level: s.level,
    ...(withLines ? { line: s.line } : {}),
    blocks: s.blocks.map(block),
    subsections: s.subsections.map(section),
  });
  const { title, subtitle, author, date, lang } = doc.meta;
  return { meta: { title, subtitle, author, date, lang }, intro: doc.intro, sections: doc.sections.map(section) };
}
