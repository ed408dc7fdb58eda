/**
 * Plain text of inline Markdown, near enough for measuring: no emphasis marks, link targets or
 * code ticks. An underscore between letters or digits is not emphasis (GFM): `hello_sim_object.hh`
 * keeps its underscores, as the slide shows them.
 */
export function plain(md: string): string {
  return md
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^<>]+>/g, '')
    .replace(EMPHASIS, '$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!|&<>~])/g, '$1')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
}

/** An emphasis or code span; `_` and `__` open only after, and close only before, something other than a letter or digit. */
const EMPHASIS = /(\*\*|\*|`|(?<![\p{L}\p{N}])__|(?<![\p{L}\p{N}])_)(?=\S)([^]*?\S)\1(?!(?<=_)[\p{L}\p{N}])/gu;
