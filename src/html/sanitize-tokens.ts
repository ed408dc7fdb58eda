/**
 * HTML source read into tokens by parse5's tokenizer (the WHATWG tokenizer jsdom, cheerio and
 * Angular use), for the sanitizer and the image pass. parse5 does the reading: tag and
 * attribute names, quoting, duplicate attributes, comments, doctypes and bogus comments, and
 * character references against the full HTML table. This module only switches the tokenizer
 * into raw text after the elements that have it (as the tree builder does) and cuts the input
 * into `raw` slices by the offsets parse5 reports, so the tokens put back together are the input.
 */
// parse5 8.x, pinned: 7.x looks for a duplicate attribute by scanning the ones before it, so a
// tag with 30,000 attributes took 15 s; 8.x keeps a set.
import { Tokenizer, TokenizerMode, type Token as Parse5Token } from 'parse5';

/** An attribute as written in the source; `value` is entity-decoded. */
export interface HtmlAttr {
  name: string;
  value: string;
  raw: string;
}

/** A piece of HTML source: text, a start or end tag, or a comment / declaration. */
export type HtmlToken =
  | { type: 'text'; raw: string }
  | { type: 'comment'; raw: string }
  | { type: 'tag'; raw: string; name: string; end: boolean; attrs: HtmlAttr[] };

/** Elements whose content the tokenizer reads as text up to their end tag (scripting on, as in a browser). */
const RAW_TEXT: ReadonlyMap<string, number> = new Map([
  ['script', TokenizerMode.SCRIPT_DATA],
  ['textarea', TokenizerMode.RCDATA],
  ['title', TokenizerMode.RCDATA],
  ['plaintext', TokenizerMode.PLAINTEXT],
  ...['style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript'].map((n): [string, number] => [n, TokenizerMode.RAWTEXT]),
]);

/**
 * Splits HTML into tokens. Text is the source between two pieces of markup, as written. Markup
 * that runs into the end of the input (a tag never closed, a quoted value never ended) makes
 * no token in parse5, so from its `<` on the rest is text, as before; a comment that runs to
 * the end is a comment, as in HTML. parse5 reads every character once, so this is linear.
 */
export function tokenizeHtml(html: string): HtmlToken[] {
  const out: HtmlToken[] = [];
  let done = 0;
  // Whether the text being read is the content of a raw-text element.
  let rawText = false;
  const push = (raw: string) => {
    const last = out[out.length - 1];
    if (last?.type === 'text') last.raw += raw;
    else out.push({ type: 'text', raw });
  };
  const text = (to: number) => {
    if (to <= done) return;
    // `</>` is the one piece of markup parse5 drops without a token: it is kept as a comment.
    const parts = html.slice(done, to).split(rawText ? /(?!)/ : /(<\/>)/);
    parts.forEach((raw, i) => (i % 2 ? out.push({ type: 'comment', raw }) : raw && push(raw)));
  };
  const markup = (loc: Parse5Token.Location | null, token: (raw: string) => HtmlToken) => {
    if (!loc) throw new Error('parse5 gave a token without its source location');
    text(loc.startOffset);
    out.push(token(html.slice(loc.startOffset, loc.endOffset)));
    done = loc.endOffset;
    rawText = false;
  };
  const tag = (t: Parse5Token.TagToken, end: boolean) =>
    markup(t.location, (raw) => ({
      type: 'tag',
      raw,
      name: t.tagName,
      end,
      attrs: end ? [] : t.attrs.map((a) => ({ name: a.name, value: a.value, raw: attrRaw(html, t.location?.attrs?.[a.name]) ?? a.name })),
    }));
  const comment = (t: Parse5Token.CommentToken | Parse5Token.DoctypeToken) => markup(t.location, (raw) => ({ type: 'comment', raw }));
  const ignore = () => {};
  const tokenizer = new Tokenizer(
    { sourceCodeLocationInfo: true },
    {
      onStartTag(t) {
        tag(t, false);
        const mode = RAW_TEXT.get(t.tagName);
        if (mode === undefined) return;
        tokenizer.state = mode as typeof tokenizer.state;
        rawText = true;
      },
      onEndTag: (t) => tag(t, true),
      onComment: comment,
      onDoctype: comment,
      onCharacter: ignore,
      onNullCharacter: ignore,
      onWhitespaceCharacter: ignore,
      onEof: ignore,
    },
  );
  tokenizer.write(html, true);
  text(html.length);
  return out;
}

function attrRaw(html: string, loc: Parse5Token.Location | undefined): string | undefined {
  return loc && typeof loc.startOffset === 'number' ? html.slice(loc.startOffset, loc.endOffset) : undefined;
}

/**
 * Decodes character references the way an attribute value is read, by reading it as one with
 * parse5 (so the whole HTML table applies, and `&not` before a letter stays as written).
 */
export function decodeEntities(s: string): string {
  const [t] = tokenizeHtml(`<x v="${s.replace(/"/g, '&quot;')}">`);
  return t.type === 'tag' ? (t.attrs[0]?.value ?? '') : s;
}
