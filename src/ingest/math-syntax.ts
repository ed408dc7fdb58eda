import type { MarkedExtension, Tokens } from 'marked';
import { mathAt, mathSource, mathStart } from '../text/math-spans.js';

export { findMath, mathAt, mathSource, mathStart, type MathSpan } from '../text/math-spans.js';

/** A marked token for TeX: `text` is its normalized source, which plain text keeps as written. */
export interface MathToken extends Tokens.Generic {
  type: 'math' | 'mathBlock';
  raw: string;
  text: string;
}

const BLOCK = /^ {0,3}(\$\$|\\\\\[|\\\[)([\s\S]+?)(\$\$|\\\\\]|\\\])[ \t]*(?:\n|$)/;
const CLOSE: Record<string, string> = { $$: '$$', '\\\\[': '\\\\]', '\\[': '\\]' };

/**
 * The marked extension that keeps TeX out of Markdown's hands: inside `$x_1 * y_2$` no
 * emphasis is read, and `\\(`…`\\)` keeps its backslashes. The TeX is written out as escaped
 * text with normalized delimiters; src/render/math.ts typesets it in the finished HTML (where
 * it also finds TeX in plain-text fields such as key points). A `$$` block after a blank line
 * is a block of its own, so a line in it that starts with `+` or `-` is not read as a list.
 */
export function mathExtension(escape: (s: string) => string = (s) => s): MarkedExtension {
  return {
    extensions: [
      {
        name: 'mathBlock',
        level: 'block',
        // No `start`: marked would call it for every paragraph on the whole rest of the
        // document (quadratic on a long transcript). A `$$` line right under a paragraph
        // line is then read inline, as display math all the same.
        tokenizer(src: string): MathToken | undefined {
          const m = BLOCK.exec(src);
          if (!m || CLOSE[m[1]] !== m[3] || !m[2].trim() || /\n\s*\n/.test(m[2])) return undefined;
          const text = mathSource({ tex: m[2].trim(), display: true, loose: m[1] === '\\[' });
          return { type: 'mathBlock', raw: m[0], text };
        },
        renderer: (t) => `<p class="lt-math-block">${escape((t as MathToken).text)}</p>\n`,
      },
      {
        name: 'math',
        level: 'inline',
        start: (src: string) => {
          const i = mathStart(src);
          return i < 0 ? undefined : i;
        },
        tokenizer(src: string): MathToken | undefined {
          const m = mathAt(src);
          if (!m) return undefined;
          return { type: 'math', raw: src.slice(0, m.end), text: mathSource(m) };
        },
        renderer: (t) => escape((t as MathToken).text),
      },
    ],
  };
}
