import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/ingest/decode.js';
import { ingestPlainText } from '../../src/ingest/plain-text.js';
import { inferTurns } from '../../src/ingest/turns.js';
import { LecternError } from '../../src/errors.js';
import { exchanges, fixture, fixturePath } from './helpers.js';

const sample = '问：你好吗？\r\n答:很好。\r\n';
const utf16 = (s: string, be = false) => {
  const le = Buffer.from(s, 'utf16le');
  if (be) for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
};

describe('decodeBytes', () => {
  it('reads UTF-8 with and without a BOM, normalising CRLF and CR', () => {
    expect(decodeBytes(new Uint8Array(Buffer.from(sample)), 'a.txt')).toEqual({ text: '问：你好吗？\n答:很好。\n', encoding: 'utf-8' });
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a\rb')]);
    expect(decodeBytes(new Uint8Array(bom), 'a.txt')).toEqual({ text: 'a\nb', encoding: 'utf-8' });
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), utf16(sample)]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16(sample, true)]);
    expect(decodeBytes(new Uint8Array(le), 'a.txt').text).toBe('问：你好吗？\n答:很好。\n');
    expect(decodeBytes(new Uint8Array(be), 'a.txt')).toEqual({ text: '问：你好吗？\n答:很好。\n', encoding: 'utf-16be' });
  });

  it('reads mostly-ASCII UTF-16 saved without a BOM', () => {
    const text = 'Q: Where were you born?\r\nA: In a small town by the sea.\r\n';
    expect(decodeBytes(new Uint8Array(utf16(text)), 'a.txt')).toEqual({ text: text.replace(/\r\n/g, '\n'), encoding: 'utf-16le' });
    expect(decodeBytes(new Uint8Array(utf16(text, true)), 'a.txt').encoding).toBe('utf-16be');
  });

  it('reads a GB18030 file (a fixture encoded with iconv) as the same text as its UTF-8 twin', () => {
    const decoded = decodeBytes(new Uint8Array(readFileSync(fixturePath('gb18030-qa.txt'))), 'gb18030-qa.txt');
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toBe(fixture('gb18030-source.txt'));
    const doc = inferTurns(ingestPlainText(decoded.text, 'gb18030-qa.txt'));
    expect(doc.meta).toMatchObject({ date: '2024-06-01', subtitle: '一段关于养蜂的问答' });
    expect(exchanges(doc).map((u) => u.x.answer?.text)).toEqual(['快二十年了。我刚开始只有两箱，现在有六十箱。', '好卖，但是要等花期。']);
  });

  it('rejects binary data with an INPUT error naming the file', () => {
    const bin = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02, 0x03, 0xff, 0x00, 0x10, 0x20]);
    expect(() => decodeBytes(bin, 'img.png')).toThrow(LecternError);
    expect(() => decodeBytes(bin, 'img.png')).toThrow(/img\.png/);
  });
});
