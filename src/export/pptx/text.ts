import { Lexer, Marked, type Token, type Tokens } from 'marked';
import { mathExtension } from '../../ingest/math-syntax.js';
import type { TextProps, TextPropsOptions } from './pptxgen.js';
import type { Lang } from '../../model/document.js';
import { hasHan } from '../../text/lang.js';
import type { PptxTheme } from './theme.js';

// Units and text runs. Lectern lays slides out in CSS pixels on a 1280×720 frame; the PPTX is
// 13.333×7.5 in (16:9), so 96 px make an inch and a pixel is 0.75 pt, as in CSS.

/** Slide pixels to inches. */
export const inch = (px: number): number => Math.round((px / 96) * 10_000) / 10_000;
/** Slide pixels to points. */
export const pt = (px: number): number => Math.round(px * 0.75 * 100) / 100;

export type Run = TextProps;
export type RunOptions = TextPropsOptions;

/** How a run of text is set, in slide pixels. */
export interface RunStyle {
  size: number;
  color: string;
  bold?: boolean;
  italic?: boolean;
  mono?: boolean;
}

/**
 * A run's options: size, colour and weight, and the face for both Latin and East Asian text
 * (pptxgenjs writes `latin`, `ea` and `cs` typefaces from `fontFace`). Runs with Han
 * characters are tagged `zh-CN`, so PowerPoint's proofing and line breaking treat them as
 * Chinese, whatever the deck's language.
 */
export function runOptions(text: string, style: RunStyle, theme: PptxTheme, lang: Lang): RunOptions {
  return {
    fontFace: style.mono ? theme.mono : theme.font,
    fontSize: pt(style.size),
    color: style.color,
    ...(style.bold ? { bold: true } : {}),
    ...(style.italic ? { italic: true } : {}),
    lang: lang === 'zh' || hasHan(text) ? 'zh-CN' : 'en-US',
  };
}

/** One run of plain text. */
export function plainRun(text: string, style: RunStyle, theme: PptxTheme, lang: Lang, extra: RunOptions = {}): Run {
  const clean = softBreaks(xmlText(text));
  return { text: clean, options: { ...runOptions(clean, style, theme, lang), ...extra } };
}

/**
 * Text XML 1.0 can hold: controls other than tab and line breaks, lone surrogates and the
 * non-characters U+FFFE/U+FFFF are dropped (pptxgenjs escapes only markup), since one of them
 * makes PowerPoint refuse the whole file. A tab becomes a space.
 */
export function xmlText(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '').replace(/\t/g, ' ');
}

/** Where an inline run points: a link, or inline math (`$…$`) left for the caller. */
export interface InlineContext {
  theme: PptxTheme;
  lang: Lang;
}

/**
 * Inline Markdown (emphasis, strong, code, links, line breaks) as runs: bold, italic, the
 * monospace face with the code colour, and hyperlinks. Images inside a paragraph give their
 * alt text (block images are laid out by the caller).
 */
export function inlineRuns(md: string, style: RunStyle, ctx: InlineContext): Run[] {
  const out: Run[] = [];
  walk(Lexer.lexInline(md, markdown.defaults), style, { ...ctx, skip: undefined }, out);
  return merge(out);
}

/** Markdown as the deck reads it: GFM, with TeX kept whole (ingest/math-syntax.ts). */
export const markdown = new Marked({ gfm: true }, mathExtension());

/** Walk state: inside a raw `<script>`, `<style>` or `<template>` (its name), whose text is not shown. */
type WalkContext = InlineContext & { skip?: string };

function walk(tokens: Token[], style: RunStyle, ctx: WalkContext, out: Run[], link?: string): void {
  const push = (raw: string, s: RunStyle, extra: RunOptions = {}) => {
    const text = softBreaks(raw);
    if (!text || ctx.skip) return;
    out.push(plainRun(text, s, ctx.theme, ctx.lang, { ...(link ? { hyperlink: { url: link } } : {}), ...extra }));
  };
  for (const t of tokens) {
    switch (t.type) {
      case 'strong':
        walk((t as Tokens.Strong).tokens, { ...style, bold: true }, ctx, out, link);
        break;
      case 'em':
        walk((t as Tokens.Em).tokens, { ...style, italic: ctx.lang !== 'zh' }, ctx, out, link);
        break;
      case 'del':
        walk((t as Tokens.Del).tokens, style, ctx, out, link);
        break;
      case 'codespan':
        push(decodeEntities((t as Tokens.Codespan).text), { ...style, mono: true, size: style.size * 0.9 }, { highlight: ctx.theme.codeBg });
        break;
      case 'link': {
        const l = t as Tokens.Link;
        walk(l.tokens, { ...style, color: ctx.theme.accent }, ctx, out, safeUrl(l.href) ?? link);
        break;
      }
      case 'image':
        push((t as Tokens.Image).text, style);
        break;
      case 'math':
        // Inline TeX stays TeX, in the code face: a run cannot hold a picture.
        push((t as Tokens.Generic).text as string, { ...style, mono: true, size: style.size * 0.9 });
        break;
      case 'br':
        out.push({ text: '', options: { breakLine: true } });
        break;
      case 'html': {
        // Raw inline HTML: the text between tags is kept, the tags are not, nor what a
        // script or style element holds (marked gives its tags and its text as separate tokens).
        const open = /^<(script|style|template)\b[^>]*>$/i.exec(t.raw.trim());
        if (open) ctx.skip = open[1].toLowerCase();
        else if (ctx.skip && new RegExp(`^</${ctx.skip}\\s*>$`, 'i').test(t.raw.trim())) ctx.skip = undefined;
        else push(decodeEntities(htmlText(t.raw)), style);
        break;
      }
      default: {
        const nested = (t as { tokens?: Token[] }).tokens;
        if (nested?.length) walk(nested, style, ctx, out, link);
        else push(decodeEntities((t as { text?: string }).text ?? t.raw), style);
      }
    }
  }
}

/**
 * A line break inside a Markdown paragraph is a soft one: a space, as a browser shows it, or
 * nothing between two Chinese characters. (Hard breaks are `br` tokens.) Left in a run, it
 * would start a new line in PowerPoint that the layout did not plan for.
 */
function softBreaks(s: string): string {
  return s.replace(/([\u2e80-\u9fff\uff00-\uffef]?)[ \t]*\n[ \t]*([\u2e80-\u9fff\uff00-\uffef]?)/g, (_, a: string, b: string) => (a && b ? a + b : `${a} ${b}`));
}

/** Neighbouring runs with the same options become one run. */
function merge(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const last = out.at(-1);
    if (last && !r.options?.breakLine && !last.options?.breakLine && JSON.stringify(last.options) === JSON.stringify(r.options)) last.text = (last.text ?? '') + (r.text ?? '');
    else out.push({ ...r });
  }
  return out;
}

/** Only web and mail links are kept: a `javascript:` or `file:` link is dropped, its text stays. */
function safeUrl(href: string): string | undefined {
  return /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : undefined;
}

/**
 * The text raw HTML shows: tags become `sep` (a space between blocks, nothing inside a line),
 * and what scripts, styles and comments hold goes with them.
 */
export function htmlText(html: string, sep = ''): string {
  return html.replace(/<(script|style|template)\b[\s\S]*?(<\/\1\s*>|$)|<!--[\s\S]*?(-->|$)/gi, '').replace(/<[^>]*>/g, sep);
}

/** marked leaves `&amp;`, `&lt;`… in token text; runs hold the characters themselves. */
export function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}
