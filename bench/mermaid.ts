/**
 * What mermaid diagrams cost a build (issue #16): the generated talk with a diagram after each
 * section (flowcharts and sequence diagrams in turn), against the same talk with the same text
 * in plain fences, built HTML-only and with --pdf. Wall and CPU time (Chromium's included; the
 * steadier figure on a shared machine), medians of `--runs`.
 *
 *   npx tsx bench/mermaid.ts [--runs 3] [--sections 10] [--pdf]   (after npm run build)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { markdownTalk } from './generate.js';
import { cpuTimed } from './lectern.js';
import { median } from './report.js';

/** A diagram for section `k`: a flowchart or a sequence diagram, five to seven labels. */
function diagram(k: number): string[] {
  if (k % 2)
    return ['flowchart LR', `  In${k}[Read the notes] --> Plan${k}{Enough for a slide?}`, `  Plan${k} -- yes --> Slide${k}[Write slide ${k}]`, `  Plan${k} -- no --> Notes${k}[(Keep in the notes)]`, `  Slide${k} --> Done${k}[Next section]`];
  return ['sequenceDiagram', '  participant Author', '  participant Lectern', '  participant Browser', `  Author->>Lectern: Build section ${k}`, '  Lectern->>Browser: Draw the diagram', '  Browser-->>Lectern: SVG', '  Lectern-->>Author: Deck written'];
}

/** The talk with a fence after each section: a mermaid diagram, or (`drawn` false) the same lines as plain text. */
export function diagramTalk(sections: number, drawn: boolean): string {
  const parts = markdownTalk('en', sections, 'mermaid-bench').split(/\n(?=## )/);
  return parts.map((part, k) => (k === 0 ? part : [part.trimEnd(), '', '```' + (drawn ? 'mermaid' : 'text'), ...diagram(k), '```', ''].join('\n'))).join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, sections: { type: 'string', default: '10' }, pdf: { type: 'boolean', default: false } } });
  const runs = Number(values.runs);
  const dir = mkdtempSync(join(tmpdir(), 'lectern-bench-mermaid-'));
  try {
    const files = { with: join(dir, 'with.md'), without: join(dir, 'without.md') };
    writeFileSync(files.with, diagramTalk(Number(values.sections), true));
    writeFileSync(files.without, diagramTalk(Number(values.sections), false));
    for (const pdf of values.pdf ? [false, true] : [false]) {
      const times: Record<'with' | 'without', { ms: number; cpu: number }[]> = { with: [], without: [] };
      for (let r = 0; r < runs; r++) {
        for (const k of ['without', 'with'] as const) {
          times[k].push(cpuTimed(['build', files[k], '-o', join(dir, 'out'), '-q', ...(pdf ? ['--pdf'] : [])], join(dir, 'err.txt'), `${k} ${pdf ? '--pdf' : 'html'}`));
        }
      }
      const m = (k: 'with' | 'without', f: 'ms' | 'cpu') => median(times[k].map((t) => t[f]));
      const mode = pdf ? '--pdf' : 'HTML only';
      console.log(`${mode}: without diagrams ${Math.round(m('without', 'ms'))} ms (CPU ${Math.round(m('without', 'cpu'))} ms), with ${values.sections} diagrams ${Math.round(m('with', 'ms'))} ms (CPU ${Math.round(m('with', 'cpu'))} ms): ${(m('with', 'ms') / m('without', 'ms')).toFixed(2)}× wall, ${(m('with', 'cpu') / m('without', 'cpu')).toFixed(2)}× CPU`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
