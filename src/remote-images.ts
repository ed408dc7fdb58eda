import { cacheFolder } from './fetch/cache.js';
import { fetchImages } from './fetch/index.js';
import type { ConfigFlags } from './config/resolve.js';
import { loadInput, planLoaded, renderInput, type LoadedInput, type PlannedInput } from './inputs.js';
import type { DeckPlan } from './model/plan.js';
import { withoutEmptySlides } from './plan/empty-slides.js';
import type { RenderOptions } from './render/index.js';
import type { RemoteImage } from './render/images.js';
import { blankSlides } from './render/slide-content.js';
import { slideImages } from './render/slide-images.js';

/** What the render stage is told about a deck's images once they have been brought along. */
export type ImageRenderOptions = Pick<RenderOptions, 'remote' | 'dropUnavailable'>;

/**
 * Brings a planned deck's images along (#16), between the plan and the render: the remote images
 * on its slides are downloaded into the cache (src/fetch; `--offline` uses cached copies only),
 * and every image that cannot be shown (not downloaded, or refused: another scheme, outside the
 * folder, not an image file) is taken out of the plan, its alt text moved to the notes. Then no
 * slide is a placeholder alone: a slide that would show nothing once rendered (only images that
 * cannot be shown, a `<style>` block, a script's carousel, components Lectern does not render)
 * is dropped, its notes and time moved to a neighbour (plan/empty-slides.ts). The render stage
 * then copies the downloads into the deck and leaves the rest out, with a warning at each one's
 * line. A deck whose images are all local and present downloads nothing.
 */
export async function bringImages(loaded: LoadedInput, deckPlan: DeckPlan, signal?: AbortSignal): Promise<{ plan: DeckPlan; images: ImageRenderOptions }> {
  const { config, sourceDir } = loaded;
  const options = { sourceDir, allowOutside: config.allowOutside };
  const found = slideImages(deckPlan, options);
  const urls = found.filter((i) => i.status === 'remote').map((i) => i.src);
  const remote: Map<string, RemoteImage> = urls.length ? await fetchImages(urls, { offline: config.offline, cache: cacheFolder(config.cacheDir, process.env), limits: config.images, signal }) : new Map();
  const images: ImageRenderOptions = found.every((i) => i.status === 'shown') ? {} : { remote, dropUnavailable: true };
  // Judged again with the downloads, for each image's final fate and warning: the render stage
  // gives the warnings of the slides kept, the plan those of the slides dropped.
  const judged = images.dropUnavailable ? slideImages(deckPlan, { ...options, ...images }) : found;
  const blank = blankSlides(deckPlan, { ...options, ...images, allowHtml: config.allowHtml });
  return { plan: withoutEmptySlides(deckPlan, { images: judged, blank }), images };
}

/**
 * Reads, plans and renders one input with its images brought along, as a build would (mermaid
 * diagrams aside, which need the browser): `lectern plan` shows the slides the build makes.
 */
export async function prepareWithImages(file: string, flags: ConfigFlags): Promise<PlannedInput> {
  const loaded = loadInput(file, flags);
  const { plan, images } = await bringImages(loaded, planLoaded(loaded));
  return renderInput(loaded, plan, undefined, images);
}
