import type { CheckReport, SlideCheck } from './types.js';

/** `slide 12 "title" (talk.md:42)`: 1-based slide number, title, and source position when known. */
export function slideLabel(slide: SlideCheck, file: string): string {
  const where = slide.line ? `${file}:${slide.line}` : file;
  return `slide ${slide.index + 1} "${slide.title}" (${where})`;
}

/**
 * One line per problem, errors first within a slide, then a summary line:
 * `slide 12 "title" (talk.md:42): overflow: 84px below the bottom edge (ul.lt-points)`.
 * For `--json`, print the report object itself.
 */
export function formatReport(report: CheckReport, file: string): string {
  const lines: string[] = [];
  for (const slide of report.slides) {
    const problems = [...slide.problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    for (const p of problems) lines.push(`${slideLabel(slide, file)}: ${p.severity === 'warning' ? 'warning: ' : ''}${p.kind}: ${p.message}`);
  }
  const n = report.slides.length;
  const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  lines.push(`${file}: ${plural(n, 'slide')} checked, ${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}`);
  return lines.join('\n');
}
