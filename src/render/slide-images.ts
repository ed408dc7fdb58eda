import type { DeckPlan } from '../model/plan.js';
import { localImages, type ImageOptions, type ImageUse } from './images.js';
import { createMarkdown } from './markdown.js';

/** Options for finding a plan's images. */
export interface SlideImageOptions {
  /** Folder the source came from; relative image paths resolve against it. */
  sourceDir: string;
  /** Images from outside the content folder are copied (`--allow-outside`). @defaultValue false */
  allowOutside?: boolean;
  /** As for the render stage: downloaded remote images, and leaving out what cannot be shown. */
  remote?: ImageOptions['remote'];
  dropUnavailable?: boolean;
}

/**
 * The `<img>` tags the render stage will meet in a plan's slide bodies and columns, each with
 * its slide, line, fate and warning as `localImages` judges it (without `remote`, remote ones are
 * `remote`: not looked up).
 * Only slides whose Markdown can hold an image are rendered, and nothing is copied: this is for
 * the build, which downloads the remote ones and takes what cannot be shown out of the plan
 * before the deck is rendered (src/remote-images.ts).
 */
export function slideImages(plan: DeckPlan, options: SlideImageOptions): ImageUse[] {
  // Unsanitised, so that an image the sanitizer would remove whole (a file: or script URL) is
  // still seen, and its slide is not left empty. Only read here, never shipped.
  const md = createMarkdown({ allowHtml: true, file: plan.file });
  // One pass over all of them, each in a section that names its slide and line, as the deck's are.
  const html = plan.slides.flatMap((slide, index) => {
    const parts = [slide.body ?? '', ...(slide.columns ?? [])].filter((markdown) => /!\[|<img\b/i.test(markdown));
    return parts.length ? [`<section data-slide="${index}" data-line="${slide.line ?? 1}">${parts.map((p) => md(p, slide.line)).join('')}</section>`] : [];
  });
  if (html.length === 0) return [];
  return localImages(html.join(''), options.sourceDir, { allowOutside: options.allowOutside, remote: options.remote, dropUnavailable: options.dropUnavailable }).images;
}
