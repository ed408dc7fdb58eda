import { describe, expect, it } from 'vitest';
import { LecternError } from '../../src/errors.js';
import { ingest } from '../../src/ingest/index.js';

const body = '\n## Piers\n\nTimber piers outlast steel ones in cold water. Nobody expected that.\n';

describe('TOML front matter (+++), as Hugo and Zola write it', () => {
  it('gives the title, the author from `authors`, the description as subtitle and the date', () => {
    const doc = ingest(`+++\ntitle = "Harbour Works"\nauthors = ["Ines Varga"]\ndescription = "What lasts at sea"\ndate = 2015-04-10\npath = "2015/04/10/harbour"\n+++\n${body}`, 'harbour.md');
    expect(doc.meta).toMatchObject({ title: 'Harbour Works', author: 'Ines Varga', subtitle: 'What lasts at sea', date: '2015-04-10' });
    expect(doc.sections.map((s) => s.title)).toEqual(['Piers']);
    // Body lines keep their source numbers.
    expect(doc.sections[0].line).toBe(9);
  });

  it('reads the YAML `by:` list of another blog engine as the author', () => {
    expect(ingest(`---\ntitle: Piers\nby:\n  - Ines Varga\n  - Tomas Reyes\n---\n${body}`, 'p.md').meta.author).toBe('Ines Varga, Tomas Reyes');
  });

  it('leaves an `authors` key that holds no names alone, as any other tool\'s key', () => {
    expect(() => ingest(`---\ntitle: Piers\nauthors: {count: 2}\n---\n${body}`, 'p.md')).not.toThrow();
  });

  it('names the line of malformed TOML', () => {
    expect(() => ingest(`+++\ntitle = "Harbour\n+++\n${body}`, 'bad.md')).toThrow(LecternError);
    expect(() => ingest(`+++\ntitle = "Harbour\n+++\n${body}`, 'bad.md')).toThrow(/^bad\.md:2: malformed front matter .*; fix the TOML between the \+\+\+ lines$/);
  });

  it('takes +++ with no closing line as content', () => {
    const doc = ingest(`+++\ntitle = "Not front matter"\n${body}`, 'p.md');
    expect(doc.meta.title).not.toBe('Not front matter');
    expect(doc.sections.map((s) => s.title)).toContain('Piers');
  });
});
