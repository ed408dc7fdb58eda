import type { SlidePlan } from '../model/plan.js';

/**
 * Rendering what authored decks add to a plan: list items marked as fragments by the deck
 * readers (src/model/deck.ts `FRAGMENT_ITEM`, an empty span at the item's start, which the
 * sanitizer writes back in one canonical form) become `<li class="fragment">`, and slides that
 * continue a vertical stack are nested in one `<section>`, as reveal.js expects.
 */
export function liftFragmentItems(html: string): string {
  return html.replace(/<li>(\s*(?:<p>)?)<span class="lt-fragment-item"><\/span>/g, '<li class="fragment">$1').replace(/<span class="lt-fragment-item"><\/span>/g, '');
}

/** The slides' sections joined, each run of a slide and the ones that continue it vertically in one outer `<section>`. */
export function stackSlides(sections: string[], slides: readonly Pick<SlidePlan, 'vertical'>[]): string {
  const out: string[] = [];
  for (let i = 0; i < sections.length; i++) {
    if (slides[i + 1]?.vertical && !slides[i].vertical) out.push('<section class="lt-stack">');
    out.push(sections[i]);
    if (slides[i].vertical && !slides[i + 1]?.vertical) out.push('</section>');
  }
  return out.join('\n');
}
