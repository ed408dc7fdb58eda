import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/**
 * Bad input, one row per case, through the real CLI: each row sets up a fresh folder, runs
 * `lectern <args>` there, and checks the exit code, the message, and what is on disk after.
 */
export interface Case {
  name: string;
  /** Writes the inputs into `dir` and returns the arguments (after the command). */
  setup: (dir: string) => string[];
  command?: 'build' | 'plan';
  code: number;
  /** Every line of stderr must start `lectern: `; together they must match this. */
  stderr: RegExp;
  /** Entries of the output root `out/` afterwards; undefined when it must not exist. */
  out?: string[];
  /** Further checks on the folder afterwards. */
  after?: (dir: string) => void;
}

export const talk = '# A Talk\n\n## One\n\nA first section with a few sentences of prose. It says something useful. Then it stops.\n';
export const write = (dir: string, name: string, content: string | Buffer) => {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), content);
  return name;
};
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0e0ee2c0000000049454e44ae426082', 'hex');
const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');

export const cases: Case[] = [
  { name: 'missing file', setup: () => ['missing.md'], code: 3, stderr: /^lectern: missing\.md: no such file or folder; check the path$/ },
  { name: 'folder with no supported files', setup: (d) => (write(d, 'notes/pic.png', png), write(d, 'notes/README.md', talk), ['notes']), code: 3, stderr: /^lectern: notes: no \.md or \.txt files in this folder; add one or name a file$/ },
  { name: 'empty file', setup: (d) => [write(d, 'empty.md', '')], code: 3, stderr: /^lectern: empty\.md: the file is empty; write some content first$/ },
  { name: 'whitespace-only file', setup: (d) => [write(d, 'blank.txt', ' \n\t\n\u3000\n')], code: 3, stderr: /^lectern: blank\.txt: the file is empty/ },
  { name: 'PNG bytes named .md', setup: (d) => [write(d, 'pic.md', png)], code: 3, stderr: /^lectern: pic\.md: looks like a PNG image, not text; give a Markdown or plain-text file/ },
  { name: 'a PDF named .txt', setup: (d) => [write(d, 'paper.txt', pdf)], code: 3, stderr: /^lectern: paper\.txt: looks like a PDF document, not text/ },
  { name: 'a .docx (ZIP) named .md', setup: (d) => [write(d, 'word.md', Buffer.from('PK\x03\x04\x14\x00\x06\x00word/document.xml', 'latin1'))], code: 3, stderr: /^lectern: word\.md: looks like a ZIP archive/ },
  { name: 'an RTF document named .txt', setup: (d) => [write(d, 'letter.txt', '{\\rtf1\\ansi Hello}')], code: 3, stderr: /^lectern: letter\.txt: looks like an RTF document, not text/ },
  { name: 'NUL bytes in text', setup: (d) => [write(d, 'nul.txt', Buffer.from('Q: hello\x00\x00 there\nA: yes\n', 'latin1'))], code: 3, stderr: /^lectern: nul\.txt: looks like a binary file \(it contains NUL bytes\)/ },
  { name: 'neither UTF-8, UTF-16 nor GB18030', setup: (d) => [write(d, 'latin.txt', Buffer.from([0x54, 0x68, 0xff, 0x80, 0xff, 0x0a, 0x81, 0x20]))], code: 3, stderr: /^lectern: latin\.txt: cannot decode the text \(not UTF-8, UTF-16 with BOM, or GB18030\); save it as UTF-8/ },
  { name: 'a device, not a file', setup: () => ['/dev/zero'], code: 3, stderr: /^lectern: \/dev\/zero: is a device, not a file/ },
  { name: 'malformed front matter', setup: (d) => [write(d, 'talk.md', `---\ntitle: A Talk\nkeywords: [one, two\n---\n${talk}`)], code: 4, stderr: /^lectern: talk\.md:3: malformed front matter \([^)]*\); fix the YAML between the --- lines$/ },
  { name: 'front matter with a tab indent', setup: (d) => [write(d, 'talk.md', `---\ntitle: A Talk\nauthor:\n\t- Ann\n---\n${talk}`)], code: 4, stderr: /^lectern: talk\.md:4: malformed front matter/ },
  { name: 'front matter that is not a mapping', setup: (d) => [write(d, 'talk.md', `---\n- one\n- two\n---\n${talk}`)], code: 4, stderr: /^lectern: talk\.md:2: front matter must be a YAML mapping/ },
  { name: 'unknown theme flag', setup: (d) => [write(d, 'talk.md', talk), '--theme', 'neon'], code: 4, stderr: /^lectern: talk\.md: unknown theme "neon"; available themes: light, dark, contrast$/ },
  { name: 'unknown theme in front matter', setup: (d) => [write(d, 'talk.md', `---\ntheme: sepia\n---\n${talk}`)], code: 4, stderr: /^lectern: talk\.md: unknown theme "sepia"; available themes: light, dark, contrast$/ },
  { name: 'unknown template in a directive', setup: (d) => [write(d, 'talk.md', `# T\n\n## One {slides: section, timeline}\n\nSome prose here.\n`)], code: 4, stderr: /^lectern: talk\.md:3: unknown template "timeline"; available templates: agenda, closing, content, image-beside, points, question, quote, section, title, two-column$/ },
  { name: 'unknown template in lectern.config.json', setup: (d) => (write(d, 'lectern.config.json', '{"sectionSlides": ["section", "poster"]}'), [write(d, 'talk.md', talk)]), code: 4, stderr: /^lectern: talk\.md: unknown template "poster"; available templates: agenda, / },
  { name: 'broken lectern.config.json', setup: (d) => (write(d, 'lectern.config.json', '{"theme": '), [write(d, 'talk.md', talk)]), code: 4, stderr: /lectern\.config\.json: not valid JSON .*; fix the file or remove it$/ },
  { name: 'unknown handout layout', setup: (d) => [write(d, 'talk.md', talk), '--handout', 'poster'], code: 2, stderr: /^lectern: --handout poster: use one of notes, 3up, 6up, 2up$/ },
  { name: 'missing templates folder', setup: (d) => [write(d, 'talk.md', talk), '--templates', 'no-such-dir'], code: 3, stderr: /^lectern: no-such-dir: templates folder not found; check --templates/ },
  { name: 'missing --css file', setup: (d) => [write(d, 'talk.md', talk), '--css', 'nope.css'], code: 3, stderr: /nope\.css: cannot read the CSS file \(ENOENT\); check the --css path$/ },
  {
    name: 'output folder under a regular file',
    setup: (d) => [write(d, 'talk.md', talk), '-o', join(write(d, 'out', 'a file, not a folder'), 'decks')],
    code: 5,
    stderr: /^lectern: .*out\/decks: cannot write the output folder \(ENOTDIR\); choose another with -o$/,
    after: (d) => expect(readFileSync(join(d, 'out'), 'utf8')).toBe('a file, not a folder'),
  },
  {
    name: 'output that would overwrite the input',
    setup: (d) => [write(d, 'talk/talk.md', talk), '-o', '.'],
    code: 5,
    stderr: /^lectern: talk\/talk\.md: the output folder .*\/talk would overwrite the input; choose another with -o$/,
    after: (d) => expect(readdirSync(join(d, 'talk'))).toEqual(['talk.md']),
  },
  {
    name: 'deck folder that is not a deck',
    setup: (d) => (write(d, 'out/images/photo.png', png), [write(d, 'images.md', talk)]),
    code: 5,
    stderr: /^lectern: .*out\/images: already exists and is not a Lectern deck, so it was left alone; move it away or choose another output folder with -o$/,
    out: ['images'],
    after: (d) => expect(readdirSync(join(d, 'out', 'images'))).toEqual(['photo.png']),
  },
  {
    name: 'several inputs, one bad: the others build',
    setup: (d) => [write(d, 'good.md', talk), write(d, 'bad.md', png), 'missing.txt', write(d, 'also-good.txt', 'Q: Why?\nA: Because it works, and it keeps working when nobody looks after it.\n')],
    code: 3,
    stderr: /^lectern: missing\.txt: no such file or folder; check the path\nlectern: bad\.md: looks like a PNG image, not text.*\nlectern: 2 of 4 inputs failed: missing\.txt, bad\.md$/,
    out: ['also-good', 'good'],
  },
  {
    name: 'two inputs that would build the same deck',
    setup: (d) => [write(d, 'talk.md', talk), write(d, 'talk.txt', 'Q: Why?\nA: Because it works, and it keeps working when nobody looks after it.\n')],
    code: 3,
    stderr: /^lectern: talk\.txt: would build into the same deck folder as talk\.md .*; rename one of them or build them separately\nlectern: 1 of 2 inputs failed: talk\.txt$/,
    out: ['talk'],
  },
  { name: 'plan: binary input', command: 'plan', setup: (d) => [write(d, 'pic.md', png)], code: 3, stderr: /^lectern: pic\.md: looks like a PNG image/ },
  { name: 'plan: malformed front matter', command: 'plan', setup: (d) => [write(d, 'talk.md', `---\ntitle: "open\n---\n${talk}`)], code: 4, stderr: /^lectern: talk\.md:2: malformed front matter/ },
];

/** Every file and folder under `dir`, relative, for a readable diff when something is left. */
export function listAll(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => [prefix + e.name, ...(e.isDirectory() ? listAll(join(dir, e.name), `${prefix}${e.name}/`) : [])]);
}

