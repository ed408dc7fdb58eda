import { diagramSize, type Diagrams } from '../../render/mermaid.js';
import type { PptxPicture } from './body.js';

// Mermaid diagrams in slides.pptx: the SVG the build drew for the HTML deck (src/browser/mermaid.ts),
// embedded as a picture. PowerPoint and LibreOffice draw SVG pictures but read no CSS variables, so
// the deck palette's `var(--lt-…, colour)` goes back to its colour, and the picture gets a size in px.

/**
 * The picture for a mermaid fence's text, when the build drew it; undefined otherwise (the
 * slide then shows the source as code, as the HTML deck does).
 */
export function diagramPicture(diagrams: Diagrams | undefined, source: string): PptxPicture | undefined {
  const drawn = diagrams?.get(source);
  if (!drawn || !('svg' in drawn)) return undefined;
  const size = diagramSize(drawn.svg);
  if (!size) return undefined;
  const svg = (drawn.flat ?? drawn.svg)
    .replace(/var\(--lt-[\w-]+,\s*([^)]+)\)/g, '$1')
    .replace(/^<svg\b([^>]*)>/, (_, attrs: string) => `<svg${attrs.replace(/\s(?:width|height|style)="[^"]*"/g, '')} width="${size.width}px" height="${size.height}px">`);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`;
  return { data: `image/svg+xml;base64,${Buffer.from(text).toString('base64')}`, width: size.width, height: size.height };
}
