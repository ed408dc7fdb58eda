import type { Diagnostic } from './diagnostics.js';
import type { Lang } from './document.js';

/** Words attributed to a person. */
export interface Attributed {
  text: string;
  by: string;
  /** Source line the words came from. */
  line?: number;
  /** For a pull quote the planner chose: why, and the runner-up a reviewer may swap in (outline). */
  choice?: QuoteReview;
}

/** A chosen pull quote's score with its reasons, and the best candidate that lost. */
export interface QuoteReview {
  score: number;
  reasons: string[];
  runnerUp?: { text: string; score: number; reasons: string[] };
}

/** Counts a reviewer checks a plan by; each should be zero (agenda slides: at most 2). */
export interface PlanReview {
  /** Key points that end on a function word ("and", "of", 的) or a colon. */
  pointsEndingOnFunctionWord: number;
  /** Pull quotes that are a URL or a question, or end in a colon. */
  quotesThatAreNotStatements: number;
  /** Agenda slides. */
  agendaSlides: number;
}

/** One planned slide: a template name, its content fields, and speaker notes. */
export interface SlidePlan {
  /** Template name, e.g. `title`, `section`, `quote`. */
  template: string;
  /** Title of the themed section or subsection this slide belongs to, or null. */
  section: string | null;
  title?: string;
  subtitle?: string;
  /** Small line above or below the title (date, author, kicker). */
  kicker?: string;
  question?: Attributed;
  quote?: Attributed;
  points?: string[];
  /** Markdown source for the `content` template. */
  body?: string;
  /** Markdown of two columns, left then right (`two-column` and `image-beside`, from authored decks). */
  columns?: [string, string];
  /** On `image-beside` slides: the side the image (the other column) is on. */
  imageSide?: 'left' | 'right';
  /** True when the slide continues the vertical stack of the slide before it (authored decks). */
  vertical?: boolean;
  /** Agenda or recap items. */
  items?: string[];
  /** On `section` slides: 2 for a themed section, 3 for a subsection. */
  level?: 2 | 3;
  /** On `agenda` slides: the number of the first item. */
  start?: number;
  /** Layout hint for the template, e.g. `image`, `table`, `code`. */
  variant?: string;
  /** True on continuation slides ("(cont.)" / "(续)"). */
  continued?: boolean;
  /** Set when fitting a time slot: the estimate counts only what the slide shows, not its notes. */
  brief?: boolean;
  /** Speaker notes as plain text paragraphs joined by blank lines. */
  notes: string;
  /** Background notes moved here when a slide was dropped to fit the time slot; not counted in the estimate. */
  moreNotes?: string;
  /** Estimated speaking time for this slide, in seconds. */
  seconds: number;
  /** Where the slide's content came from. */
  line?: number;
}

/** The plan stage's result: an ordered deck. */
export interface DeckPlan {
  title: string;
  subtitle?: string;
  author?: string;
  date?: string;
  lang: Lang;
  theme: string;
  /** Source file the deck was planned from. */
  file: string;
  slides: SlidePlan[];
  /** Estimated length of the talk, in minutes (one decimal). */
  durationMinutes: number;
  /** Section titles (level 2) and subsection titles (level 3) in order, for agenda and PDF outline. */
  outline: { title: string; level: 2 | 3; slide: number }[];
  keywords?: string[];
  /** What `lectern plan --json` shows a reviewer: the counts the planner is held to. */
  review?: PlanReview;
  diagnostics: Diagnostic[];
}

/**
 * A planned slide whose body or columns show nothing once rendered: what the render stage
 * finds (render/slide-content.ts) and the plan's `withoutEmptySlides` drops.
 */
export interface BlankSlide {
  slide: number;
  /** What the body held instead, for the warning (`<style>`, `images that cannot be shown`, …). */
  held: string[];
  /** What the sanitizer said about it (removed tags, at their lines): given here when the slide is dropped. */
  warnings?: Diagnostic[];
}
