import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lecternHere } from '../helpers/cli.js';

// The CLI runs in this process (its main(), the exit code it returns is the process's): these
// tests are about the message, the exit code and what is left on disk, not about the process.
const lectern = (args: string[], cwd: string) => lecternHere(args, cwd);

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A folder with talk.md (and the given config file, when there is one). */
function project(config: string | undefined, frontMatter = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-config-cli-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'talk.md'), `${frontMatter ? `---\n${frontMatter}\n---\n` : ''}# A talk\n\n## One\n\nA section with a few sentences of prose. It says one thing and then stops.\n`);
  if (config !== undefined) writeFileSync(join(dir, 'lectern.config.json'), config);
  return dir;
}

/** Asserts one clean line, exit 4, and nothing written next to the input. */
async function expectContentError(dir: string, args: string[], message: RegExp): Promise<void> {
  const r = await lectern([...args, 'talk.md', '-o', 'out'], dir);
  expect(r.code).toBe(4);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^lectern: /);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stdout).not.toContain('NaN');
  expect(readdirSync(dir).sort()).toEqual(readdirSync(dir).includes('lectern.config.json') ? ['lectern.config.json', 'talk.md'] : ['talk.md']);
}

describe('bad config on the command line', () => {
  it('a reading speed that is not a number: exit 4, one line, not "about NaN minutes"', async () => {
    const dir = project('{"speed": {"enWordsPerMinute": "fast"}}');
    for (const cmd of [['build'], ['plan'], ['build', '--pdf']]) {
      await expectContentError(dir, cmd, /lectern\.config\.json: "speed\.enWordsPerMinute": expected a positive number of English words per minute, got "fast"$/);
    }
  });

  it('an unknown key: exit 4, naming where the setting lives', async () => {
    await expectContentError(project('{"css": "extra.css"}'), ['build'], /lectern\.config\.json: unknown key "css" \(not a config setting: use --css\); valid keys: theme, /);
    await expectContentError(project('{"them": "dark"}'), ['build', '--handout'], /unknown key "them" \(did you mean "theme"\?\)/);
  });

  it('front matter of the wrong type: exit 4, naming file:line and the key', async () => {
    await expectContentError(project(undefined, 'layout: post\nduration: soon'), ['build'], /^lectern: talk\.md:3: front matter "duration": expected a duration like "20m"/);
  });

  it("other tools' front matter keys build", async () => {
    const dir = project('{"theme": "dark", "speed": {"enWordsPerMinute": 120}}', 'layout: post\ntags: [a, b]\npermalink: /talks/a/\ndraft: false\nweight: 3');
    const r = await lectern(['plan', 'talk.md'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^A talk — \d+ slides, about [\d.]+ minutes$/m);
  });
});
