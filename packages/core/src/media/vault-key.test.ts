import { describe, expect, it } from 'vitest';
import { ownedVaultKey, sourceFromKey, vaultKeyFor } from './vault-key';

describe('ownedVaultKey', () => {
  it.each([
    ['12/uploads/a.png', '12/uploads/a.png'],
    ['user-media/12/uploads/a.png', '12/uploads/a.png'],
    ['12/generated/babecock/x y.png', '12/generated/babecock/x y.png'],
  ])('takes %j as the key %j', (path, key) => {
    expect(ownedVaultKey(12, path)).toBe(key);
  });

  it.each([
    ['another user’s folder', '13/uploads/a.png'],
    ['a prefix of the id', '123/uploads/a.png'],
    ['the folder itself', '12'],
    ['nothing', ''],
    ['an absolute path', '/12/uploads/a.png'],
    ['the bucket and an absolute path', 'user-media//12/a.png'],
    ['a parent segment', '12/../13/uploads/a.png'],
    ['a trailing parent segment', '12/uploads/..'],
    ['a current segment', '12/./a.png'],
    ['an empty segment', '12//a.png'],
    ['a trailing slash', '12/uploads/'],
    ['percent-encoded dots', '12/%2e%2e/13/a.png'],
    ['a percent-encoded slash', '12/..%2f13/a.png'],
    ['a backslash', '12/..\\13\\a.png'],
    ['a NUL byte', '12/a.png\u0000.jpg'],
    ['a newline', '12/a\n.png'],
    ['another bucket', 'general/12/a.png'],
  ])('refuses %s (%j)', (_what, path) => {
    expect(ownedVaultKey(12, path)).toBeNull();
  });
});

describe('sourceFromKey', () => {
  it.each([
    ['12/generated/smart-caption/a.png', 'smart-caption'],
    ['12/generated/babecock/a.png', 'babecock'],
    ['12/generated/hypnococks/deep/a.mp4', 'hypnococks'],
    ['12/generated/unknown/a.png', 'upload'],
    ['12/generated/a.png', 'upload'],
    ['12/uploads/generated/babecock.png', 'upload'],
    ['12/a.png', 'upload'],
  ])('reads %j as %s', (key, source) => {
    expect(sourceFromKey(key)).toBe(source);
  });
});

describe('vaultKeyFor', () => {
  it('puts uploads and generated media in their folders under a random name', () => {
    expect(vaultKeyFor(12, 'png', 'upload')).toMatch(/^12\/uploads\/[0-9a-f]{32}\.png$/);
    expect(vaultKeyFor(12, 'mp4', 'hypnococks')).toMatch(/^12\/generated\/hypnococks\/[0-9a-f]{32}\.mp4$/);
    expect(vaultKeyFor(12, 'png', 'upload')).not.toBe(vaultKeyFor(12, 'png', 'upload'));
    expect(sourceFromKey(vaultKeyFor(12, 'png', 'babecock'))).toBe('babecock');
    expect(ownedVaultKey(12, vaultKeyFor(12, 'png', 'upload'))).not.toBeNull();
  });
});
