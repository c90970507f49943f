import { describe, expect, it } from 'vitest';
import { formatChecksums, parseChecksums } from './manifest';

const hash = (c: string) => c.repeat(64);

describe('SHA256SUMS', () => {
  it('is what sha256sum writes, names with a backslash or a line break escaped as it escapes them', () => {
    const entries = [
      { path: 'storage/general/a.jpg', sha256: hash('a') },
      { path: 'storage/user-media/1/odd\\name\nwith break.png', sha256: hash('b') },
    ];
    const text = formatChecksums(entries);
    expect(text).toBe(`${hash('a')}  storage/general/a.jpg\n\\${hash('b')}  storage/user-media/1/odd\\\\name\\nwith break.png\n`);
    expect([...parseChecksums(text)]).toEqual(entries.map((e) => [e.path, e.sha256]));
  });

  it('refuses a line it cannot read', () => {
    expect(() => parseChecksums('not a checksum line\n')).toThrow(
      'SHA256SUMS is damaged: cannot read the line "not a checksum line"',
    );
  });
});
