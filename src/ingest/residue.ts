/**
 * Site-generator residue, removed from a Markdown body before it is read: notes written for
 * Jekyll (kramdown, Liquid), Hugo, MkDocs, Pandoc or d2lbook carry markup those tools read and
 * Markdown does not, which would otherwise show on slides as text. Every rule keeps the
 * number of lines (but a pull quote written on one or two lines, which grows to three), so
 * source positions stay right; nothing inside fenced code is touched.
 *
 * - kramdown: IALs and ALDs (`{: .class}`, `{:toc}` with the list it replaces), extensions
 *   (`{::options … /}`, `{::comment}…{:/comment}`), `markdown="1"` (its content is Markdown).
 * - Liquid: `{% comment %}…{% endcomment %}` goes with its content, `{% raw %}` keeps it,
 *   `{% highlight lang %}` becomes a fence, other tags and `{{ output }}` go.
 * - Hugo shortcodes `{{< … >}}` and `{{% … %}}` go, their inner text stays.
 * - Link reference definitions are resolved into the links that use them (a slide is
 *   rendered alone, so `[text][ref]` would show as written) and removed.
 * - MkDocs admonitions (`!!! note "Title"`, `???+ warning`) and content tabs (`=== "C++"`)
 *   become a bold title and their indented body, which would otherwise read as a code block;
 *   snippet includes (`--8<-- "file"`) go, with a fence that held only them.
 * - Pandoc fenced-div fences (`::: challenge`) go; a heading in a div nested in a div with a
 *   heading goes one level below it (`## Solution` in a `::: solution` inside an exercise's
 *   `::: challenge`). d2lbook/Sphinx roles (`:label:`x``,
 *   `:eqref:`x``) go; of d2lbook's per-framework copies of a listing (`#@tab pytorch`) one stays.
 */
export function stripResidue(body: string, removed: Removed = {}): string {
  const lines = body.split('\n');
  const code = codeLines(lines);
  const defs = linkDefinitions(lines, code);
  removed.snippets = snippetIncludes(lines);
  frameworkTabs(lines);
  pullQuotes(lines, code);
  unwrapMarkdownElements(lines, code);
  blockRules(lines, code);
  // `{% highlight %}` may have made new fences: find the code again, then treat each run of
  // lines outside it as one text for the rules that span lines.
  const inCode = codeLines(lines);
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j < lines.length && inCode[j] === inCode[i]) j++;
    const run = lines.slice(i, j).join('\n');
    out.push(inCode[i] ? run : multiLine(run));
    i = j;
  }
  return resolveReferences(out.join('\n'), defs);
}

/** What {@link stripResidue} took out that the reader should hear about. */
export interface Removed {
  /** Body lines (0-based) of the fences that held only snippet includes: listings kept in other files. */
  snippets?: number[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Which lines are inside (or are the fences of) fenced code. */
function codeLines(lines: string[]): boolean[] {
  const inCode: boolean[] = [];
  let open: string | undefined;
  for (const line of lines) {
    const m = FENCE.exec(line);
    if (open) {
      inCode.push(true);
      if (m && m[1][0] === open[0] && m[1].length >= open.length && !line.slice(m[0].length).trim()) open = undefined;
    } else if (m) {
      inCode.push(true);
      open = m[1];
    } else inCode.push(false);
  }
  return inCode;
}

const LINK_DEF = /^ {0,3}\[([^\]\n]+)\]:\s*<?([^\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*$/;

/** Link reference definitions, by lower-cased label; their lines are blanked. */
function linkDefinitions(lines: string[], code: boolean[]): Map<string, string> {
  const defs = new Map<string, string>();
  lines.forEach((line, i) => {
    const m = code[i] ? null : LINK_DEF.exec(line);
    if (!m || /^\^/.test(m[1])) return; // `[^1]:` is a footnote, not a link
    defs.set(m[1].trim().toLowerCase(), m[2]);
    lines[i] = '';
  });
  return defs;
}

const PULL_QUOTE = /^\s*<(aside|blockquote|div)\b[^>]*\bclass=(["'])[^"']*\b(pquote|pull-?quote)\b[^"']*\2[^>]*>/i;

/**
 * Author-marked pull quotes (`<aside class="pquote">`, `<blockquote class="pull-quote">`)
 * become a Markdown quote with its credit on a `— ` line, which ingest reads as a pull
 * quote: the quote text and the credit as text (a link keeps its words), the avatar gone.
 */
function pullQuotes(lines: string[], code: boolean[]): void {
  for (let i = 0; i < lines.length; i++) {
    const open = code[i] ? null : PULL_QUOTE.exec(lines[i]);
    if (!open) continue;
    const tag = open[1].toLowerCase();
    let end = i;
    while (end < lines.length && !new RegExp(`</${tag}\\s*>`, 'i').test(lines[end])) end++;
    if (end >= lines.length) continue;
    const inner = lines.slice(i, end + 1).join('\n').replace(open[0], '').replace(new RegExp(`</${tag}\\s*>[\\s\\S]*$`, 'i'), '');
    const text = inner
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/<img\b[^>]*>/gi, '')
      .replace(/<(cite|footer)\b[^>]*>/gi, '\n— ')
      .replace(/<\/?[a-z][^>]*>/gi, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const parts = text.split(/\n\s*(?:—|―|--)\s*|\s+(?:—|―)\s+(?=\S[^—―]*$)/);
    const quote = parts[0].replace(/\s+/g, ' ').trim();
    const credit = parts.slice(1).join(' ').replace(/^[—―-]+\s*/, '').replace(/\s+/g, ' ').trim();
    if (!quote) continue;
    const out = [`> ${quote}`, ...(credit ? ['', `— ${credit}`] : [])];
    while (out.length < end - i + 1) out.push('');
    lines.splice(i, end - i + 1, ...out);
    code.splice(i, end - i + 1, ...out.map(() => false));
    i += out.length - 1;
  }
}

/**
 * Jekyll's `markdown="1"`: the element's content is Markdown. The wrapper is layout only, so
 * its opening and closing tags go (the content is then read as Markdown, which it would not be
 * inside an HTML block).
 */
function unwrapMarkdownElements(lines: string[], code: boolean[]): void {
  for (let i = 0; i < lines.length; i++) {
    // The pattern tries every `<` of a line and reads on to the next `>`: a line of tags that
    // never close took seconds, so it runs only on lines that name the attribute at all.
    const open = code[i] || !lines[i].includes('markdown=') ? null : /<(\w+)\b[^>]*\smarkdown=(["'])(?:1|block|span)\2[^>]*>/.exec(lines[i]);
    if (!open) continue;
    const tag = open[1];
    lines[i] = lines[i].replace(open[0], '');
    let depth = 1;
    for (let j = i; j < lines.length && depth > 0; j++) {
      const from = j === i ? open.index : 0;
      const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
      re.lastIndex = from;
      for (let m = re.exec(lines[j]); m; m = re.exec(lines[j])) {
        depth += m[1] ? -1 : 1;
        if (depth === 0) {
          lines[j] = lines[j].slice(0, m.index) + lines[j].slice(m.index + m[0].length);
          break;
        }
      }
    }
    if (!lines[i].trim()) lines[i] = '';
  }
}

const SNIPPET = /^\s*-{1,2}8<-{1,2}\s/;

/**
 * MkDocs snippet includes (`--8<-- "docs/code/x.cpp"`): the code is in another file, so a
 * fence that holds only includes goes, fences and all. Returns the lines those fences opened on.
 */
function snippetIncludes(lines: string[]): number[] {
  const found: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*(`{3,}|~{3,})/.exec(lines[i]);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && !new RegExp(`^\\s*${open[1][0] === '`' ? '`' : '~'}{${open[1].length},}\\s*$`).test(lines[end])) end++;
    if (end >= lines.length) break;
    const body = lines.slice(i + 1, end).filter((l) => l.trim());
    if (body.length && body.every((l) => SNIPPET.test(l))) {
      found.push(i);
      for (let k = i; k <= end; k++) lines[k] = '';
    }
    i = end;
  }
  return found;
}

const TAB = /^\s*#@tab\s+(.*)$/;

/**
 * d2lbook's framework tabs: a run of fenced blocks (blank lines between) where blocks start
 * with `#@tab pytorch`, `#@tab mxnet, tensorflow`, `#@tab all` (an untagged block is the book's
 * default framework) shows the same example once per framework. One slide needs one: the block
 * for `all` or PyTorch, else the first; the others go, and so does the `#@tab` line.
 */
function frameworkTabs(lines: string[]): void {
  type Fence = { open: number; close: number; tabs?: string };
  const fences: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(lines[i]);
    if (!open) continue;
    let close = i + 1;
    while (close < lines.length && !(lines[close].trim().startsWith(open[1]) && !lines[close].trim().slice(open[1].length).trim())) close++;
    if (close >= lines.length) break;
    const tab = TAB.exec(lines[i + 1] ?? '');
    fences.push({ open: i, close, ...(tab ? { tabs: tab[1] } : {}) });
    i = close;
  }
  for (let g = 0; g < fences.length; ) {
    let h = g + 1;
    while (h < fences.length && lines.slice(fences[h - 1].close + 1, fences[h].open).every((l) => !l.trim())) h++;
    const group = fences.slice(g, h);
    g = h;
    if (!group.some((f) => f.tabs !== undefined)) continue;
    const keep = group.find((f) => f.tabs && /\b(all|pytorch)\b/i.test(f.tabs)) ?? group[0];
    for (const f of group) {
      if (f === keep) continue;
      for (let k = f.open; k <= f.close; k++) lines[k] = '';
    }
    if (keep.tabs !== undefined) {
      // The tab line goes; a blank line after the fence keeps the count.
      lines.splice(keep.open + 1, 1);
      lines.splice(keep.close, 0, '');
    }
  }
}

const IAL_LINE = /^\s*\{:[^}]*\}\s*$/;
/** An admonition (`!!! note "Title"`, `???+ warning`) or a content tab (`=== "C++"`). */
const ADMONITION = /^(\s*)(?:(?:!!!|\?\?\?\+?)\s*([\w-]+)(?:\s+"([^"]*)")?|===\s+"([^"]*)")\s*$/;

/** Line-by-line rules (outside code): IALs, `{:toc}` and its list, admonitions, div fences, roles, Liquid, shortcodes. */
function blockRules(lines: string[], code: boolean[]): void {
  // Open fenced divs, each with the level of the first heading inside it: a heading in a div
  // nested in one that has a heading belongs to it (a Carpentries `::: solution` inside a
  // `::: challenge`: its `## Solution` is a subsection of the exercise, not a topic of the talk).
  const divs: { heading?: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (code[i]) continue;
    let line = lines[i];
    const fence = /^\s*:{3,}\s*(.*)$/.exec(line);
    if (fence) {
      if (fence[1].trim()) divs.push({});
      else divs.pop();
    }
    const heading = /^(#{1,6})(\s.*)$/.exec(line);
    if (heading && divs.length) {
      const own = divs[divs.length - 1]!;
      const outer = divs.slice(0, -1).reduce<number | undefined>((l, d) => d.heading ?? l, undefined);
      const level = outer !== undefined ? Math.min(6, Math.max(heading[1].length, outer + 1)) : heading[1].length;
      own.heading ??= level;
      if (level !== heading[1].length) lines[i] = line = '#'.repeat(level) + heading[2];
    }
    if (/^\s*\{:toc\}\s*$/.test(line) || /^\s*\{:\s*\.no_toc\s*\}\s*$/.test(line)) {
      // kramdown's TOC marker replaces the list right above it ("* Table of Contents").
      for (let j = i - 1; j >= 0 && /^\s*([-*+]|\d+[.)])\s+/.test(lines[j]); j--) lines[j] = '';
      lines[i] = '';
      continue;
    }
    if (IAL_LINE.test(line) || /^\s*:{3,}/.test(line) || /^\s*:(label|eqlabel):`[^`]*`\s*$/.test(line)) {
      lines[i] = '';
      continue;
    }
    const adm = ADMONITION.exec(line);
    if (adm) {
      const title = adm[4] ?? adm[3] ?? adm[2][0].toUpperCase() + adm[2].slice(1);
      // The body is the following lines indented 4 more than the marker (or blank).
      let j = i + 1;
      for (; j < lines.length && (!lines[j].trim() || lines[j].startsWith(adm[1] + '    ')); j++) {
        if (lines[j].trim()) lines[j] = adm[1] + lines[j].slice(adm[1].length + 4);
        code[j] = false;
      }
      // A title over nothing (its body was only snippet includes) goes too.
      const empty = lines.slice(i + 1, j).every((l) => !l.trim());
      lines[i] = title && !empty ? `${adm[1]}**${title}**` : '';
      continue;
    }
    // A trailing IAL on a heading or paragraph line: `## Title {: #id .class}`.
    line = line.replace(/\s*\{:(?!:)[^}]*\}\s*$/, '');
    line = line.replace(/\s*:(?:eqref|numref|ref|cite|label|eqlabel|numref):`[^`]*`/g, '');
    line = line.replace(/\{::(?!comment|nomarkdown)[^}]*\/?\}/g, '');
    line = line.replace(/\{\{[<%]\s*\/?[^}]*?[>%]\}\}/g, '');
    const hl = /^\s*\{%-?\s*highlight\s+([\w+#-]+)[^%]*-?%\}\s*$/.exec(line);
    if (hl) line = '```' + hl[1];
    else if (/^\s*\{%-?\s*endhighlight\s*-?%\}\s*$/.test(line)) line = '```';
    lines[i] = line;
  }
}

/** Rules that span lines: kramdown comments, Liquid blocks and tags, `markdown="1"` elements. */
function multiLine(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, '');
  return text
    .replace(/\{::comment\}[\s\S]*?\{:\/comment\}/g, blank)
    .replace(/\{::nomarkdown\}|\{:\/nomarkdown\}/g, '')
    .replace(/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g, blank)
    .replace(/\{%-?[\s\S]*?-?%\}/g, blank)
    .split(/(`+[^`\n]*`+)/)
    .map((part, k) => (k % 2 ? part : part.replace(/\{\{(?![<%])[^{}\n]*\}\}/g, '')))
    .join('');
}

/** Reference links (`[text][ref]`, `[ref][]`, `[ref]`) as inline links, outside code spans. */
function resolveReferences(text: string, defs: Map<string, string>): string {
  if (!defs.size) return text;
  const url = (label: string) => defs.get(label.trim().toLowerCase().replace(/\s+/g, ' '));
  const out: string[] = [];
  let fenced: string | undefined;
  for (const line of text.split('\n')) {
    const f = FENCE.exec(line);
    if (fenced || f) {
      if (f && !fenced) fenced = f[1];
      else if (f && fenced && f[1][0] === fenced[0]) fenced = undefined;
      out.push(line);
      continue;
    }
    out.push(
      line.split(/(`+[^`]*`+)/).map((part, k) =>
        k % 2
          ? part
          : part.replace(/(!?)\[([^\]\n]+)\](?:\[([^\]\n]*)\])?(?![(:[])/g, (all, bang: string, inner: string, ref: string | undefined) => {
              const target = url(ref || inner);
              return target ? `${bang}[${inner}](${target})` : all;
            }),
      ).join(''),
    );
  }
  return out.join('\n');
}
