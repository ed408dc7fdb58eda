/**
 * An authored deck: slides as another tool's author wrote them (Marp, Slidev, reveal-md,
 * Quarto, Pandoc or plain `---`-separated Markdown), read by src/ingest/decks/ into one
 * shape. The planner keeps them as they are: no agenda, no dividers, no re-splitting (only
 * code too long for a slide even at the smallest type goes on over "(cont.)" slides).
 */

/** The dialect an authored deck is written in. */
export type DeckDialect = 'marp' | 'slidev' | 'reveal-md' | 'quarto' | 'pandoc';

/**
 * How an authored slide is laid out, from its layout, class or shape: `title` (cover, intro,
 * lead), `divider` (section, center, a heading alone), `two-column` (Slidev two-cols, Pandoc
 * columns), `image-beside` (image-left/right, Marp `![bg left]`), `quote`, or `content`.
 */
export type AuthoredLayout = 'title' | 'divider' | 'two-column' | 'image-beside' | 'quote' | 'content';

/** One slide as its author wrote it. */
export interface AuthoredSlide {
  layout: AuthoredLayout;
  /** Plain text of the slide's heading, when it starts with one. */
  title?: string;
  /** A short line under the title on `title` slides. */
  subtitle?: string;
  /**
   * The slide's body as standard Markdown: dialect syntax is gone, fragments are
   * `<div class="fragment">` blocks, `<span class="fragment">` spans, or list items marked with
   * {@link FRAGMENT_ITEM} at their start.
   */
  body: string;
  /** For `two-column` and `image-beside`: the two columns' Markdown, left then right. */
  columns?: [string, string];
  /** For `image-beside`: which side the image is on. */
  imageSide?: 'left' | 'right';
  /** For `quote`: the quoted words and who said them. */
  quote?: { text: string; by?: string };
  /** Speaker notes, plain text paragraphs. */
  notes: string[];
  /** The slide's visible words as plain text (for timing, language and notes when it has none). */
  text: string;
  /** True when the slide continues the vertical stack of the slide before it. */
  vertical?: boolean;
  /** Source line the slide starts at (1-based). */
  line: number;
}

/** An authored deck's slides, in order. */
export interface AuthoredDeck {
  dialect: DeckDialect;
  slides: AuthoredSlide[];
}

/**
 * Marks a list item as a fragment: written at the start of the item's text, it becomes
 * `class="fragment"` on the `<li>` when the slide is rendered (src/render/fragments.ts).
 */
export const FRAGMENT_ITEM = '<span class="lt-fragment-item"></span>';
