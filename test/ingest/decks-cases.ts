import { join } from 'node:path';
import type { DeckDialect } from '../../src/model/deck.js';

/** The fixture decks in test/fixtures/decks: one per dialect, written for these tests. */
export const decksDir = join(import.meta.dirname, '..', 'fixtures', 'decks');

/** What each fixture deck's author wrote: its dialect, slides, notes (a phrase from each slide's), fragments and vertical slides. */
export interface DeckCase {
  file: string;
  dialect: DeckDialect;
  slides: number;
  /** Templates of the slides, in order. */
  templates: string[];
  /** A phrase of the author's notes for the slides that have them, by slide index. */
  notes: Record<number, string>;
  /** Fragments on the slides that have them, by slide index. */
  fragments: Record<number, number>;
  /** Indexes of slides that continue a vertical stack. */
  vertical: number[];
  /** Steps of code line highlights (` ```text [1|2-3] `), which the page adds as fragments, by slide index. */
  codeSteps?: Record<number, number>;
}

export const deckCases: DeckCase[] = [
  {
    file: 'marp.md',
    dialect: 'marp',
    slides: 5,
    templates: ['title', 'content', 'content', 'content', 'image-beside'],
    notes: { 0: 'Welcome everyone', 1: 'Pause after the slugs', 2: 'read the tomato row', 3: 'Two YAML documents', 4: 'stop talking for a moment' },
    fragments: { 1: 3 },
    vertical: [],
  },
  {
    file: 'slidev.md',
    dialect: 'slidev',
    slides: 6,
    templates: ['title', 'section', 'content', 'two-column', 'quote', 'image-beside'],
    notes: { 0: 'older than my cat', 1: 'keep it quick', 2: 'explain the ratio first', 3: 'on its own click', 4: 'every Sunday', 5: 'tea towel' },
    fragments: { 2: 3, 3: 1, 5: 1 },
    vertical: [],
  },
  {
    file: 'reveal-md.md',
    dialect: 'reveal-md',
    slides: 5,
    templates: ['title', 'content', 'content', 'content', 'content'],
    notes: { 0: 'Hold up a length of rope', 1: 'Ask the front row', 2: 'The rabbit comes out', 3: 'Yosemite finish', 4: 'practice ropes' },
    fragments: { 1: 3, 3: 1 },
    vertical: [2, 3],
    codeSteps: { 2: 1 },
  },
  {
    file: 'quarto.qmd',
    dialect: 'quarto',
    slides: 6,
    templates: ['title', 'section', 'content', 'content', 'two-column', 'content'],
    notes: { 2: 'canal story', 3: 'swift row', 4: 'consistency matters', 5: 'tally sheets' },
    fragments: { 2: 1, 3: 1, 5: 1 },
    vertical: [],
  },
  {
    file: 'pandoc.md',
    dialect: 'pandoc',
    slides: 4,
    templates: ['title', 'content', 'content', 'content'],
    notes: { 1: 'Babylonian tablet', 2: 'outlived the empire', 3: 'spread errors' },
    fragments: { 2: 1 },
    vertical: [],
  },
  {
    file: 'plain.md',
    dialect: 'pandoc',
    slides: 4,
    templates: ['title', 'content', 'content', 'content'],
    notes: {},
    fragments: {},
    vertical: [],
  },
];

/**
 * Source syntax of the dialects that must never show on a slide: comments and directives,
 * slots, fenced divs, pauses, attribute lists, notes markers, front matter keys, components.
 */
export const sourceSyntax = /<!--|-->|::right::|::left::|^:::|\. \. \.|\{\.[\w-]+\}|^\s*notes?:|_class|^layout:|<\/?v-clicks?|<Counter|\.element|\.slide:|^---$/im;

/**
 * The real decks in ../shared/corpus (written by others; never copied here): dialect, authored
 * slide count, slides with notes, planned slides (a slide whose code does not fit even at the
 * smallest type goes on over "(cont.)" slides, plan/deck-code.ts) and, where it differs, built ones.
 */
export const corpusDecks = [
  // Planned, two slides whose code does not fit go on over a "(cont.)" slide each. Built, one of
  // them fits once the picture its folder does not hold is left out (ingest/missing-images.ts).
  { file: 'marp_gem5_simobjects.md', dialect: 'marp', slides: 50, withNotes: 33, planned: 52, built: 51 },
  // Built, the two slides of a Vue component alone show nothing and go, their notes to the slide
  // before (#16), and so do the cover that was only a logo and two slides of pictures the folder does not hold.
  { file: 'slidev_antfu_set_theory.md', dialect: 'slidev', slides: 22, withNotes: 17, planned: 22, built: 17 },
  // Built, the five empty slides that only time reveal.js's auto-animate (`data-autoslide`) go; one listing goes on over a "(cont.)" slide.
  { file: 'revealmd_go_wasm_http.md', dialect: 'reveal-md', slides: 50, withNotes: 45, planned: 51, built: 46 },
  // Built --offline, its title slide loses the logo from outside its folder and keeps its title; one listing goes on over a second slide.
  { file: 'revealjs_afp_monads.md', dialect: 'reveal-md', slides: 39, withNotes: 12, planned: 40 },
  // Its two plotting chunks are `echo: false`: Quarto shows only their plots, so their code is not
  // shown (it went on over two "(cont.)" slides before); their slide keeps its title, a statement.
  { file: 'quarto_rostools_intro.qmd', dialect: 'quarto', slides: 25, withNotes: 10, planned: 25 },
] as const;
