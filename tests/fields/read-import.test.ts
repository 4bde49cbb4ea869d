import { describe, expect, it } from 'vitest';
import { readImportJson } from '../../lib/fields/import-file';

const errorOf = (text: string) => {
  const r = readImportJson(text);
  if (r.ok) throw new Error('expected the file to be refused');
  return r.error;
};

describe('readImportJson: plain reasons', () => {
  it('says an empty file is empty', () => {
    expect(errorOf('')).toBe('The file is empty.');
    expect(errorOf(' \n\t\r\n')).toBe('The file is empty.');
    expect(errorOf('\uFEFF')).toBe('The file is empty.');
  });

  it('says a binary file is not a text file, quoting none of its bytes', () => {
    // A PNG and a ZIP header as the browser's File.text() hands them over (invalid UTF-8 becomes U+FFFD).
    const png = '\uFFFDPNG\r\n\u001A\n\u0000\u0000\u0000\rIHDR\u0000\u0000\u0001';
    const zip = 'PK\u0003\u0004\u0014\u0000\u0000\u0000\b\u0000\uFFFD\uFFFDvW';
    for (const bytes of [png, zip, '\u0000\u0000\u0000']) {
      const error = errorOf(bytes);
      expect(error).toBe(
        'The file is not a text file (it holds binary data): choose the JSON file to import.',
      );
    }
  });

  it('says where JSON goes wrong, without quoting the file', () => {
    expect(errorOf('{"a":1,}')).toBe('The file is not valid JSON (at line 1, column 8).');
    expect(errorOf('{\n  "a": 1,\n}')).toBe('The file is not valid JSON (at line 3, column 1).');
    expect(errorOf('{"values": [')).toBe('The file is not valid JSON (it ends too early).');
    const error = errorOf('hello, this is a letter');
    expect(error).toMatch(/^The file is not valid JSON \(unexpected token 'h'\)\.$/);
    expect(error).not.toContain('this is a letter');
  });

  it('keeps a valid file whose strings hold U+FFFD, and skips a byte-order mark', () => {
    expect(readImportJson('{"name":"bad \uFFFD byte"}')).toEqual({
      ok: true,
      data: { name: 'bad \uFFFD byte' },
    });
    expect(readImportJson('\uFEFF{"a":1}')).toEqual({ ok: true, data: { a: 1 } });
  });
});
