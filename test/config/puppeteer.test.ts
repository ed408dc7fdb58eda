import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Lectern uses the machine's Chrome or Chromium and never downloads one: .puppeteerrc.cjs at the
// project root turns off the download that the `puppeteer` package's postinstall would start.
// npm runs that postinstall in node_modules/puppeteer; Puppeteer searches for its configuration
// file upward from the working folder. These tests do the same.

const puppeteerDir = dirname(createRequire(import.meta.url).resolve('puppeteer/package.json'));

/** The environment without any PUPPETEER_* variable, so only the configuration file decides. */
function envWithoutPuppeteer(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^puppeteer_/i.test(k)));
  return { ...env, ...extra };
}

function node(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, args, { cwd: puppeteerDir, env, encoding: 'utf8', timeout: 60_000 });
}

describe("Puppeteer's configuration file", () => {
  it('turns the browser download off, read the way Puppeteer reads it', () => {
    const script = `
      const { getConfiguration } = await import('puppeteer/internal/getConfiguration.js');
      const c = await getConfiguration();
      console.log(JSON.stringify({ skipDownload: c.skipDownload, chrome: c.chrome.skipDownload, shell: c['chrome-headless-shell'].skipDownload, firefox: c.firefox.skipDownload }));`;
    const r = node(['--input-type=module', '-e', script], envWithoutPuppeteer());
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ skipDownload: true, chrome: true, shell: true, firefox: true });
  });

  it("so Puppeteer's install script downloads nothing", () => {
    const cache = mkdtempSync(join(tmpdir(), 'lectern-puppeteer-cache-'));
    try {
      // Were the file not found, the script would try to download: a dead proxy makes that fail
      // at once, and the cache folder shows whether anything was written.
      const proxy = 'http://127.0.0.1:9';
      const env = envWithoutPuppeteer({ PUPPETEER_CACHE_DIR: cache, HTTPS_PROXY: proxy, HTTP_PROXY: proxy, npm_config_https_proxy: proxy, npm_config_proxy: proxy, npm_config_loglevel: '' });
      const r = node([join(puppeteerDir, 'install.mjs')], env);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Skipping downloading browsers as instructed');
      expect(r.stderr).not.toMatch(/Failed to set up|download failed/i);
      expect(readdirSync(cache)).toEqual([]);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it("still gives Lectern's browser finder Puppeteer's browser path to try", () => {
    const script = `
      const { default: puppeteer } = await import('puppeteer');
      console.log(await puppeteer.executablePath());`;
    const cache = mkdtempSync(join(tmpdir(), 'lectern-puppeteer-cache-'));
    try {
      const r = node(['--input-type=module', '-e', script], envWithoutPuppeteer({ PUPPETEER_CACHE_DIR: cache }));
      expect(r.status).toBe(0);
      // A path inside Puppeteer's cache: findBrowser uses it when a browser is there, else the system's.
      expect(r.stdout.trim().startsWith(cache)).toBe(true);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
