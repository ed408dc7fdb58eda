import type { DeckPlan } from '../model/plan.js';
import { localImages, type ImageUse } from './images.js';
import { createMarkdown } from './markdown.js';

/** Options for finding a plan's images. */
export interface SlideImageOptions {
  /** Folder the source came from; relative image paths resolve against it. */
  sourceDir: string;
  /** Keep raw HTML as written (`--allow-html`), as the render will. @defaultValue false */
  allowHtml?: boolean;
  /** Images from outside the content folder are copied (`--allow-outside`). @defaultValue false */
  allowOutside?: boolean;
}

/**
 * The `<img>` tags the render stage will meet in a plan's slide bodies and columns, each with
 * its slide, line and fate as `localImages` judges it (remote ones as `remote`: not looked up).
 * Only slides whose Markdown can hold an image are rendered, and nothing is copied: this is for
 * the build, which downloads the remote ones and takes what cannot be shown out of the plan
 * before the deck is rendered (src/remote-images.ts).
 */
export function slideImages(plan: DeckPlan, options: SlideImageOptions): ImageUse[] {
  const md = createMarkdown({ allowHtml: options.allowHtml, file: plan.file });
  return plan.slides.flatMap((slide, index) =>
    [slide.body ?? '', ...(slide.columns ?? [])]
      .filter((markdown) => /!\[|<img\b/i.test(markdown))
      .flatMap((markdown) => localImages(md(markdown, slide.line), options.sourceDir, { allowOutside: options.allowOutside }).images)
      .map((image) => ({ ...image, slide: index, line: slide.line ?? 1 })),
  );
}
