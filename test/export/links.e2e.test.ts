import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lecternHere, poppler, root, sharedBrowser } from '../helpers/cli.js';
import { testDir } from '../helpers/temp.js';

const session = sharedBrowser();

/**
 * Text from a documentation site links to pages of that site by relative or site paths. The
 * deck carries none of them: printed, each became a file:// link to the folder the deck was
 * built in (22 in the slides of a corpus FAQ). They are shown as text, with one warning.
 */
describe('links in the slides PDF', () => {
  it('keeps web links, and turns a relative or site path into text, not a file:// link to the build folder', async () => {
    const dir = testDir('lectern-links-');
    writeFileSync(
      join(dir, 'talk.md'),
      '---\ntitle: Links\n---\n\n## Where to read more\n\n- The [setup guide](../docs/setup.md#install) explains the install.\n' +
        '- The [theme page](/docs/theme) lists the colours.\n- The [specification](https://example.org/spec) has the details.\n',
    );
    const r = await lecternHere(['build', join(dir, 'talk.md'), '--pdf', '-o', join(dir, 'out')], root, undefined, session);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/talk\.md:7: warning: a link to a file or site path the deck does not carry is shown as text; give its full URL \(https:\/\/…\) to keep it \(2 times, lines 7, 8\)/);
    const pdf = join(dir, 'out', 'talk', 'slides.pdf');
    const urls = poppler('pdfinfo', ['-url', pdf]);
    expect(urls).toContain('https://example.org/spec');
    expect(urls).not.toMatch(/file:/);
    const text = poppler('pdftotext', [pdf, '-']);
    expect(text).toContain('The setup guide explains the install.');
    expect(text).toContain('The theme page lists the colours.');
  });
});
