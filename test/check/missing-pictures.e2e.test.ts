import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lectern, root } from '../helpers/cli.js';

/*
 * A document brought without its pictures: the build leaves them out before the plan (no broken
 * picture on a slide, #16), so the browser never meets them; `lectern check` still names each
 * one as an image error of the slide it was on, and exits 7.
 */
describe('lectern check: pictures the folder does not hold', () => {
  it('reports each left-out picture on the nearest slide, by name, as an error', () => {
    const r = lectern(['check', join('test', 'fixtures', 'gallery', 'missing-pictures.md'), '--offline']);
    expect(r.code, r.stderr).toBe(7);
    const images = r.stdout.split('\n').filter((l) => /: image: /.test(l));
    expect(images).toEqual([
      expect.stringMatching(/^slide 6 "Feeding day by day \(cont\.\)" \(.*missing-pictures\.md:16\): image: 4 images not found \(photos\/day-2-bubbles\.png, photos\/day-3-smell\.png and 2 more\); left out of the deck$/),
      expect.stringMatching(/^slide 7 "The jar" .*: image: image photos\/jar\.png not found; left out of the deck$/),
      expect.stringMatching(/^slide 7 "The jar" .*: image: image photos\/flour-logo\.png not found; left out of the deck$/),
      expect.stringMatching(/^slide 8 "Keeping it alive" .*: image: image photos\/fridge\.png not found; left out of the deck$/),
    ]);
    // The picture that is there loads: no "did not load" for it.
    expect(r.stdout).not.toMatch(/did not load/);
    expect(r.stdout).toMatch(/missing-pictures\.md: 9 slides checked, [4-9] errors/);
  });
});
