import type { Token } from 'marked';

/**
 * Plain text of marked tokens: inline formatting removed, images as their alt text,
 * list items and table cells on their own lines. Used for budgets, timing and detection.
 */
export function plainText(tokens: Token[] | undefined): string {
  if (!tokens) return '';
  let out = '';
  for (const t of tokens) out += tokenText(t);
  return out;
}

function tokenText(t: Token): string {
  const any = t as Token & { tokens?: Token[]; items?: { tokens: Token[] }[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][]; text?: string };
  switch (t.type) {
    case 'space':
      return '\n';
    case 'br':
      return '\n';
    case 'image':
      return any.text ?? '';
    case 'code':
    case 'codespan':
      return any.text ?? '';
    case 'html':
      // A block element's edges part its text ("Meetup</span><div>2025" is two lines, not "Meetup2025").
      return (any.text ?? '')
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/<\/?(?:div|p|br|li|ul|ol|h[1-6]|tr|table|section|article|aside|header|footer|figure|figcaption|blockquote|dd|dt|dl)\b[^<>]*>/gi, (tag, at: number, all: string) => (at === 0 || /\n\s*$/.test(all.slice(0, at)) || at + tag.length === all.length ? '' : '\n'))
        .replace(/<[^<>]+>/g, '')
        .replace(/\n[ \t]*(?:\n[ \t]*){2,}/g, '\n\n');
    case 'list':
      return (any.items ?? []).map((it) => plainText(it.tokens).trim()).join('\n') + '\n';
    case 'table': {
      const rows = [any.header ?? [], ...(any.rows ?? [])];
      return rows.map((r) => r.map((c) => plainText(c.tokens)).join(' | ')).join('\n') + '\n';
    }
    case 'paragraph':
    case 'heading':
    case 'blockquote':
      return plainText(any.tokens) + '\n';
    default:
      return any.tokens ? plainText(any.tokens) : decodeEntities(any.text ?? '');
  }
}

function decodeEntities(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? _);
}
