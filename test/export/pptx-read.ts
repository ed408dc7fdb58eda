import { createRequire } from 'node:module';
import type JSZipType from 'jszip';

// Reads a written .pptx back for the tests: JSZip, the copy pptxgenjs depends on.
const require = createRequire(import.meta.url);
const JSZip = createRequire(require.resolve('pptxgenjs'))('jszip') as typeof JSZipType;

/** One text run of a slide or notes page: its text and the attributes of its run properties. */
export interface ReadRun {
  text: string;
  /** The `<a:rPr …>` element with its children, as written. */
  props: string;
}

/** A .pptx opened for reading. */
export interface ReadPptx {
  names: string[];
  /** Slide XML files in slide order (`ppt/slides/slide1.xml`, …). */
  slides: string[];
  /** Notes pages in slide order. */
  notes: string[];
  xml: (name: string) => Promise<string>;
}

export async function readPptx(bytes: Uint8Array): Promise<ReadPptx> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const numbered = (re: RegExp) =>
    names
      .filter((n) => re.test(n))
      .sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
  return {
    names,
    slides: numbered(/^ppt\/slides\/slide\d+\.xml$/),
    notes: numbered(/^ppt\/notesSlides\/notesSlide\d+\.xml$/),
    xml: (name) => zip.file(name)!.async('string'),
  };
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');

/** The text runs (`<a:r>`) of a slide's XML. */
export function runs(xml: string): ReadRun[] {
  return [...xml.matchAll(/<a:r>([\s\S]*?)<\/a:r>/g)].map((m) => ({
    props: /<a:rPr[^>]*\/>|<a:rPr[^>]*[^/]>[\s\S]*?<\/a:rPr>/.exec(m[1])?.[0] ?? '',
    text: decode(/<a:t>([\s\S]*?)<\/a:t>/.exec(m[1])?.[1] ?? ''),
  }));
}

/** All text of a slide's runs, paragraphs joined by newlines. */
export function text(xml: string): string {
  return [...xml.matchAll(/<a:p>([\s\S]*?)<\/a:p>/g)].map((p) => runs(p[1]).map((r) => r.text).join('')).join('\n');
}
