import { describe, expect, it, vi } from 'vitest';
import type { CommunityMediaRecord } from '../ports/records';
import { StorageError } from '../ports/storage';
import { createTestDeps } from '../testing/test-deps';
import { homeOf, moveObject, quarantineKeyFor } from './object-home';

const copy = (moderationStatus: CommunityMediaRecord['moderationStatus']) => ({ moderationStatus }) as CommunityMediaRecord;
const pub = { bucket: 'general', key: '7/a-1234abcd.png.thumbnail.webp' } as const;
const held = { bucket: 'user-media', key: 'quarantine/7/a-1234abcd.png.thumbnail.webp' } as const;

describe('homeOf', () => {
  it('keeps a visible copy public and a hidden one in quarantine, each key mapping to its twin', () => {
    expect(homeOf(copy('visible'), pub)).toBe('here');
    expect(homeOf(copy('hidden'), pub)).toEqual(held);
    expect(homeOf(copy('hidden'), held)).toBe('here');
    expect(homeOf(copy('visible'), held)).toEqual(pub);
  });

  it('sends the objects of a removed copy, of no copy, and vault objects nowhere', () => {
    expect(homeOf(copy('removed'), pub)).toBeNull();
    expect(homeOf(copy('removed'), held)).toBeNull();
    expect(homeOf(null, pub)).toBeNull();
    expect(homeOf(copy('visible'), { bucket: 'user-media', key: '7/uploads/a.png' })).toBeNull();
  });

  it('quarantines under a folder no account folder (a numeric id) can be', () => {
    expect(quarantineKeyFor('7/a.png')).toBe('quarantine/7/a.png');
  });
});

describe('moveObject', () => {
  it('copies before deleting, so a failed delete leaves both and running again finishes', async () => {
    const { files } = createTestDeps();
    await files.storage.put('general', pub.key, Buffer.from('thumb'), { contentType: 'image/webp' });
    vi.spyOn(files.storage, 'delete').mockRejectedValueOnce(new StorageError('down'));
    await expect(moveObject(files.storage, pub, held)).rejects.toThrow('down');
    expect([files.keys('general'), files.keys('user-media')]).toEqual([[pub.key], [held.key]]);
    await moveObject(files.storage, pub, held);
    expect([files.keys('general'), files.keys('user-media')]).toEqual([[], [held.key]]);
    // Again, with the source gone already: nothing changes.
    await moveObject(files.storage, pub, held);
    expect([files.keys('general'), files.keys('user-media')]).toEqual([[], [held.key]]);
  });

  it('deletes nothing when the copy fails', async () => {
    const { files } = createTestDeps();
    await files.storage.put('general', pub.key, Buffer.from('thumb'), { contentType: 'image/webp' });
    vi.spyOn(files.storage, 'copy').mockRejectedValueOnce(new StorageError('down'));
    await expect(moveObject(files.storage, pub, held)).rejects.toThrow('down');
    expect([files.keys('general'), files.keys('user-media')]).toEqual([[pub.key], []]);
  });
});
