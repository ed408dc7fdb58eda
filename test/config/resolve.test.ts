import { describe, expect, it } from 'vitest';
import { paperForLocale, resolveConfig } from '../../src/config/resolve.js';
import { testDir } from '../helpers/temp.js';

describe('paper size', () => {
  it('follows the locale as paperconf does: LC_ALL, then LC_PAPER, then LANG; A4 when none says', () => {
    expect(paperForLocale({ LANG: 'en_US.UTF-8' })).toBe('letter');
    expect(paperForLocale({ LANG: 'en_CA.UTF-8' })).toBe('letter');
    expect(paperForLocale({ LANG: 'de_DE.UTF-8' })).toBe('a4');
    expect(paperForLocale({ LANG: 'en_GB.UTF-8' })).toBe('a4');
    expect(paperForLocale({ LANG: 'C.UTF-8' })).toBe('a4');
    expect(paperForLocale({})).toBe('a4');
    expect(paperForLocale({ LANG: 'en_US.UTF-8', LC_PAPER: 'de_DE.UTF-8' })).toBe('a4');
    expect(paperForLocale({ LANG: 'de_DE.UTF-8', LC_PAPER: 'de_DE.UTF-8', LC_ALL: 'en_US.UTF-8' })).toBe('letter');
  });

  it('--paper wins over front matter, and front matter over the locale', () => {
    const dir = testDir('lectern-resolve-');
    const us = { LANG: 'en_US.UTF-8' };
    const de = { LANG: 'de_DE.UTF-8' };
    expect(resolveConfig({}, {}, {}, dir, us).paper).toBe('letter');
    expect(resolveConfig({}, {}, {}, dir, de).paper).toBe('a4');
    expect(resolveConfig({}, {}, { paper: 'a4' }, dir, us).paper).toBe('a4');
    expect(resolveConfig({ paper: 'letter' }, {}, { paper: 'a4' }, dir, de).paper).toBe('letter');
    expect(resolveConfig({ paper: 'a4' }, {}, {}, dir, us).paper).toBe('a4');
  });
});
