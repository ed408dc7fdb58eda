import { Marked } from 'marked';

/** Escapes text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The one Markdown renderer the templates use. Raw HTML in the content is shown as text
 * (escaped) so a scraped page cannot inject script or markup into the deck.
 */
export function createMarkdown(): (source: string) => string {
  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    renderer: {
      html(token) {
        return escapeHtml(token.text);
      },
      link(token) {
        const href = /^\s*(javascript|vbscript|data):/i.test(token.href) ? '#' : token.href;
        const text = this.parser.parseInline(token.tokens);
        return `<a href="${escapeHtml(href)}">${text}</a>`;
      },
    },
  });
  return (source) => marked.parse(source) as string;
}
