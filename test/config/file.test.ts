import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFileSchema, loadConfigFile, parseConfigFile } from '../../src/config/file.js';
import { parseDuration } from '../../src/config/duration.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { defaults } from '../../src/config/schema.js';
import { closest } from '../../src/config/suggest.js';
import { exitCodes, LecternError } from '../../src/errors.js';

const file = '/talks/lectern.config.json';

/** The error a config file's contents give, as the CLI prints it (one line). */
function errorFor(data: unknown): LecternError {
  try {
    parseConfigFile(data, file);
  } catch (e) {
    expect(e).toBeInstanceOf(LecternError);
    return e as LecternError;
  }
  throw new Error(`no error for ${JSON.stringify(data)}`);
}

describe('lectern.config.json', () => {
  it('reads every key, with paths against its folder', () => {
    const c = parseConfigFile({ theme: 'dark', sectionSlides: ['section', 'quote'], duration: '1h30m', templates: 'tpl', outDir: '../out', speed: { enWordsPerMinute: 120 } }, file);
    expect(c).toEqual({ theme: 'dark', sectionSlides: ['section', 'quote'], duration: 90, templatesDir: '/talks/tpl', outDir: '/out', speed: { zhCharsPerMinute: 250, enWordsPerMinute: 120 } });
    expect(parseConfigFile({}, file)).toEqual({});
    expect(parseConfigFile({ sectionSlides: 'section, points' }, file).sectionSlides).toEqual(['section', 'points']);
  });

  it('refuses a reading speed that is not a number, instead of estimating "about NaN minutes"', () => {
    const e = errorFor({ speed: { enWordsPerMinute: 'fast' } });
    expect(e.code).toBe('CONTENT');
    expect(exitCodes[e.code]).toBe(4);
    expect(e.file).toBe(file);
    expect(e.message).toBe(`${file}: "speed.enWordsPerMinute": expected a positive number of English words per minute, got "fast"`);
    expect(errorFor({ speed: { zhCharsPerMinute: 0 } }).message).toContain('"speed.zhCharsPerMinute": expected a positive number of Chinese characters per minute, got 0');
    expect(errorFor({ speed: 200 }).message).toContain('"speed": expected an object like {"enWordsPerMinute": 150}, got 200');
  });

  it('reads the limits on downloading remote images, key by key over the defaults', () => {
    expect(parseConfigFile({ images: { timeoutSeconds: 0.5 } }, file).images).toEqual({ maxMegabytes: 10, timeoutSeconds: 0.5, totalSeconds: 60 });
    expect(errorFor({ images: { maxMegabytes: -1 } }).message).toContain('"images.maxMegabytes": expected a positive number of megabytes, got -1');
    expect(errorFor({ images: { timeout: 5 } }).message).toContain('unknown key "images.timeout" (did you mean "timeoutSeconds"?)');
    expect(errorFor({ offline: true }).message).toContain('unknown key "offline" (not a config setting: use --offline)');
  });

  it('refuses unknown keys, naming the closest valid one or where the setting lives', () => {
    expect(errorFor({ css: 'extra.css' }).message).toBe(`${file}: unknown key "css" (not a config setting: use --css); valid keys: theme, sectionSlides, duration, templates, outDir, speed, images`);
    expect(errorFor({ pdf: true }).message).toContain('unknown key "pdf" (not a config setting: use --pdf)');
    expect(errorFor({ timeout: 120 }).message).toContain('unknown key "timeout" (not a config setting: use --timeout)');
    expect(errorFor({ paper: 'letter' }).message).toContain('unknown key "paper" (not a config setting: use --paper or front matter "paper")');
    expect(errorFor({ section_slides: ['quote'] }).message).toContain('unknown key "section_slides" (did you mean "sectionSlides"?)');
    expect(errorFor({ templatesDir: 'tpl' }).message).toContain('(did you mean "templates"?)');
    expect(errorFor({ speed: { enWordsPerMin: 100 } }).message).toBe(
      `${file}: unknown key "speed.enWordsPerMin" (did you mean "enWordsPerMinute"?); valid keys in "speed": zhCharsPerMinute, enWordsPerMinute`,
    );
    expect(errorFor({ colour: 'red' }).message).not.toContain('did you mean');
  });

  it('names the value expected for every key, and the closest theme', () => {
    expect(errorFor({ theme: 'drak' }).message).toBe(`${file}: "theme": expected one of light, dark, contrast, got "drak" (did you mean "dark"?)`);
    expect(errorFor({ duration: 'soon' }).message).toContain('"duration": expected a duration like "20m", "1h30m" or a number of minutes, got "soon"');
    expect(errorFor({ duration: -5 }).message).toContain('"duration": expected a duration');
    expect(errorFor({ sectionSlides: 5 }).message).toContain('"sectionSlides": expected a list of template names');
    expect(errorFor({ sectionSlides: [] }).message).toContain('"sectionSlides": expected at least one template name');
    expect(errorFor({ outDir: '' }).message).toContain('"outDir": expected a folder path, got ""');
    expect(errorFor({ templates: ['a'] }).message).toContain('"templates": expected a folder path, got a list');
    expect(errorFor(['theme', 'dark']).message).toBe(`${file}: expected an object of settings like {"theme": "dark"}, got a list`);
    // Several problems: the first on the line, and how many more.
    expect(errorFor({ theme: 3, css: 'x' }).message).toMatch(/\(and 1 more problem in the file\)$/);
  });

  it('every message is one line', () => {
    for (const data of [{ css: 1 }, { theme: 'x\ny' }, { speed: { a: 1, b: 2 } }, null, 'text']) expect(errorFor(data).message).not.toMatch(/[\r\n]/);
  });

  it('a config file on disk: absent is empty, broken JSON and bad values are CONTENT errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lectern-config-'));
    try {
      expect(loadConfigFile(dir)).toEqual({});
      writeFileSync(join(dir, 'lectern.config.json'), '{"theme": ');
      expect(() => loadConfigFile(dir)).toThrow(/lectern\.config\.json: not valid JSON/);
      writeFileSync(join(dir, 'lectern.config.json'), JSON.stringify({ speed: { enWordsPerMinute: 'fast' } }));
      expect(() => loadConfigFile(dir)).toThrow(LecternError);
      mkdirSync(join(dir, 'tpl'));
      writeFileSync(join(dir, 'lectern.config.json'), JSON.stringify({ templates: 'tpl', theme: 'contrast' }));
      expect(loadConfigFile(dir)).toEqual({ templatesDir: join(dir, 'tpl'), theme: 'contrast' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('resolution', () => {
  const meta = { theme: undefined };
  it('defaults < config file < front matter < flags, with reading speeds merged key by key', () => {
    const fileConfig = parseConfigFile({ theme: 'dark', duration: 30, speed: { zhCharsPerMinute: 200 } }, file);
    const c = resolveConfig({}, fileConfig, meta, '/nowhere', {});
    expect(c.theme).toBe('dark');
    expect(c.duration).toBe(30);
    expect(c.speed).toEqual({ zhCharsPerMinute: 200, enWordsPerMinute: defaults.speed.enWordsPerMinute });
    expect(resolveConfig({}, fileConfig, { theme: 'contrast', duration: 20 }, '/nowhere', {}).duration).toBe(20);
    expect(resolveConfig({ theme: 'light' }, fileConfig, { theme: 'contrast' }, '/nowhere', {}).theme).toBe('light');
  });

  it('an unknown theme from front matter or a flag names the closest', () => {
    expect(() => resolveConfig({}, {}, { theme: 'drak' }, '/nowhere', {})).toThrow('unknown theme "drak" (did you mean "dark"?); available themes: light, dark, contrast');
    expect(() => resolveConfig({ theme: 'neon' }, {}, {}, '/nowhere', {})).toThrow(/^unknown theme "neon"; available themes: light, dark, contrast$/);
  });

  it('the defaults are one frozen object', () => {
    expect(Object.isFrozen(defaults)).toBe(true);
    expect(Object.isFrozen(defaults.speed)).toBe(true);
    expect(configFileSchema.safeParse({ theme: defaults.theme, sectionSlides: defaults.sectionSlides, speed: defaults.speed, outDir: defaults.outDir }).success).toBe(true);
  });
});

describe('durations', () => {
  it('reads what people write, and nothing else', () => {
    expect(parseDuration('20m')).toBe(20);
    expect(parseDuration('1h30m')).toBe(90);
    expect(parseDuration('90s')).toBe(1.5);
    expect(parseDuration('30min')).toBe(30);
    expect(parseDuration('1:02:30')).toBe(62.5);
    expect(parseDuration(45)).toBe(45);
    for (const bad of ['0', 0, -3, Infinity, NaN, 'soon', '45:12', '', null, [20]]) expect(parseDuration(bad)).toBeUndefined();
  });
});

describe('closest', () => {
  it('finds a typo, a different spelling or a prefix, and guesses nothing when far', () => {
    expect(closest('drak', ['light', 'dark', 'contrast'])).toBe('dark');
    expect(closest('section-slides', ['theme', 'sectionSlides'])).toBe('sectionSlides');
    expect(closest('out', ['outDir', 'theme'])).toBe('outDir');
    expect(closest('THEME', ['theme'])).toBe('theme');
    expect(closest('css', ['theme', 'sectionSlides', 'duration', 'templates', 'outDir', 'speed'])).toBeUndefined();
    expect(closest('sepia', ['light', 'dark', 'contrast'])).toBeUndefined();
  });
});
