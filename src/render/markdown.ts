import { randomUUID } from 'node:crypto';
import { Marked } from 'marked';
import type { Diagnostic } from '../model/diagnostics.js';
import { mathExtension } from '../ingest/math-syntax.js';
import { escapeHtml } from './escape.js';
import { highlightCode } from './highlight.js';
import { LEGIBLE_LABEL, diagramFallback, diagramHtml, errorLine, isMermaid, labelSize, type Diagrams } from './mermaid.js';
import { sanitizeHtml } from '../html/sanitize.js';

export { escapeHtml } from './escape.js';

/** Options for the Markdown renderer. */
export interface MarkdownOptions {
  /** Keep raw HTML from the content as written (`--allow-html`). @defaultValue false */
  allowHtml?: boolean;
  /** Source file, for the position of warnings. */
  file?: string;
  /**
   * The deck's mermaid diagrams as the browser drew them (src/render/mermaid.ts). Without it a
   * ```` ```mermaid ```` fence is shown as its source, silently (`lectern serve`, `outline`).
   */
  diagrams?: Diagrams;
}

/**
 * Renders one slide body; `line` is the source line the body starts at. Warnings about
 * removed HTML collect in `diagnostics`.
 */
export interface MarkdownRenderer {
  (source: string, line?: number): string;
  readonly diagnostics: Diagnostic[];
}

/**
 * The one Markdown renderer the templates use. Raw HTML in the content goes through the
 * allow-list sanitizer (scripts, event handlers, frames, `javascript:` URLs and the like are
 * removed, with a warning at the line they came from) unless `allowHtml` keeps it. The
 * sanitizer sees the whole rendered body, so a `<script>` split across Markdown inline
 * tokens goes with its content, and `[x](javascript:…)` is caught like raw HTML.
 *
 * Code blocks are highlighted (highlight.ts) and put in after sanitising, in place of a
 * marker: their markup is made here from escaped text, and the sanitizer need not read it.
 * TeX is kept as text with its delimiters for the math step (math.ts), which runs on the
 * finished slide.
 */
export function createMarkdown(options: MarkdownOptions = {}): MarkdownRenderer {
  const marked = new Marked({ gfm: true, async: false });
  const marker = `lectern-code-${randomUUID()}-`;
  const blocks: string[] = [];
  marked.use(mathExtension(escapeHtml));
  marked.use({
    renderer: {
      code(token) {
        blocks.push(isMermaid(token.lang) ? diagram(token.text, token.raw) : highlightCode(token.text, token.lang));
        return `${marker}${blocks.length - 1}\n`;
      },
      html(token) {
        return token.text;
      },
      heading(token) {
        // A bare `###` (an author's spacer in a Marp deck) is an empty heading: nothing to show or announce.
        return token.text.trim() ? false : '';
      },
      link(token) {
        const text = this.parser.parseInline(token.tokens);
        // A path with no scheme (`../guide.md`, `/docs/theme`) points into the site or folder the
        // text came from, which the deck does not carry: dead in the deck, and in the PDF a
        // file:// link to wherever the deck was built. Its words stay, as text.
        if (!LEAVES_DECK.test(token.href.trim())) {
          const found = indexAfter(at.source, token.raw, linkFrom);
          if (found >= 0) linkFrom = found + 1;
          warnAt(LOCAL_LINK_WARNING, found);
          return text;
        }
        // Sanitised output has its URLs checked (and reported) later; kept raw HTML does not.
        const href = options.allowHtml && /^\s*(javascript|vbscript|data):/i.test(token.href) ? '#' : token.href;
        return `<a href="${escapeHtml(href)}">${text}</a>`;
      },
    },
  });
  const diagnostics: Diagnostic[] = [];
  // The body being rendered, for the line of a diagram that fails or a link shown as text.
  let at = { source: '', line: 1 };
  let linkFrom = 0;
  /** A warning at `offset` in the body being rendered (its first line when -1), `inside` lines further down. */
  const warnAt = (message: string, offset: number, inside = 0) => {
    const pos = { file: options.file ?? '', line: at.line + (offset < 0 ? 0 : newlines(at.source, offset)) + inside };
    diagnostics.push({ severity: 'warning', message, ...(options.file ? { pos } : {}) });
  };
  const diagram = (text: string, raw: string): string => {
    const drawn = options.diagrams?.get(text);
    // The fence's line, and a line inside it (1 = the line after the fence).
    const warn = (message: string, inside = 0) => warnAt(message, at.source.indexOf(raw.trimStart()), inside);
    if (drawn && 'svg' in drawn) {
      const label = labelSize(drawn.svg);
      if (label !== undefined && label < LEGIBLE_LABEL) warn(`the mermaid diagram is scaled down to fit the slide, its labels to about ${Math.round(label)}px; split it, or lay it out the other way (LR/TD)`);
      return diagramHtml(drawn.svg);
    }
    if (drawn) warn(`could not draw the mermaid diagram (${drawn.error}); it is shown as its source`, errorLine(drawn.error) ?? 0);
    return diagramFallback(text);
  };
  const withCode = (html: string) => (blocks.length ? html.replace(new RegExp(`${marker}(\\d+)\\n?`, 'g'), (_, n: string) => blocks[Number(n)]) : html);
  const render = (source: string, line = 1): string => {
    blocks.length = 0;
    at = { source, line };
    linkFrom = 0;
    const html = marked.parse(source) as string;
    if (options.allowHtml) return withCode(html);
    const { html: clean, removed } = sanitizeHtml(html);
    // Findings come in source order, so each is looked for after the one before.
    let from = 0;
    for (const r of removed) {
      const found = [r.snippet, r.value].reduce((found, s) => (found >= 0 || !s ? found : indexAfter(source, s, from)), -1);
      if (found >= 0) from = found + 1;
      warnAt(r.message, found);
    }
    return withCode(clean);
  };
  return Object.assign(render, { diagnostics });
}

/** A link the deck can follow: a URL with a scheme (https:, mailto:), or a place in the deck (`#/3`). */
const LEAVES_DECK = /^(?:[a-z][a-z0-9+.-]*:|#)/i;

export const LOCAL_LINK_WARNING = 'a link to a file or site path the deck does not carry is shown as text; give its full URL (https://…) to keep it';

/** Where `s` is in `source`: at or after `from` if it is there, else anywhere. */
function indexAfter(source: string, s: string, from: number): number {
  const at = source.indexOf(s, from);
  return at >= 0 ? at : source.indexOf(s);
}

function newlines(s: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}
