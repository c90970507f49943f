import { describe, expect, it } from 'vitest';
import { createTestDeps } from '../testing/test-deps';
import { openLink, unlockTokenFor } from './link-access';
import { isUnfurler, type LinkVisit } from './visitor';

const CODE = 'abcdefghijklmnopqrstuv';
const HOUR = 3_600_000;

const setup = async () => {
  const t = createTestDeps();
  const media = await t.deps.db.media.create({
    userId: 1,
    filePath: '1/a.png',
    fileName: 'a.png',
    mimeType: 'image/png',
    size: 10,
    width: 1,
    height: 1,
    durationMs: null,
    source: 'upload',
  });
  await t.deps.db.media.setShareState(media.id, { isShared: true, shareToCommunity: false, shareCode: CODE });
  const visit = (userAgent: string, extra: Partial<LinkVisit> = {}): LinkVisit => ({
    userId: null,
    address: '203.0.113.7',
    userAgent,
    unlockToken: undefined,
    ...extra,
  });
  const views = async () => (await t.deps.db.shareLinks.find(CODE))?.views ?? 0;
  return { ...t, media, visit, views };
};

describe('openLink', () => {
  it('counts a visitor once an hour, never the owner or a link-preview bot', async () => {
    const { deps, advance, visit, views } = await setup();
    await openLink(deps, CODE, visit('Firefox'), 'page');
    await openLink(deps, CODE, visit('Firefox'), 'page');
    await openLink(deps, CODE, visit('Firefox', { userId: 1 }), 'page');
    await openLink(deps, CODE, visit('Discordbot/2.0'), 'page');
    await openLink(deps, CODE, visit('Firefox'), 'bytes');
    expect(await views()).toBe(1);
    advance(HOUR);
    await openLink(deps, CODE, visit('Firefox'), 'page');
    expect(await views()).toBe(2);
  });

  it('applies expiry, then password, then the limit, whose last view still succeeds', async () => {
    const { deps, advance, visit, media } = await setup();
    await deps.db.shareLinks.update(CODE, media.id, {
      maxViews: 1,
      passwordHash: 'scrypt$hash',
      expiresAt: new Date(deps.now().getTime() + HOUR),
    });
    await expect(openLink(deps, CODE, visit('A'), 'page')).rejects.toMatchObject({ message: 'Password required' });
    const unlocked = (ua: string) => visit(ua, { unlockToken: unlockTokenFor(CODE, 'scrypt$hash') });
    await expect(openLink(deps, CODE, unlocked('A'), 'page')).resolves.toMatchObject({ link: { views: 1 } });
    await expect(openLink(deps, CODE, unlocked('A'), 'bytes')).resolves.toBeDefined();
    await expect(openLink(deps, CODE, unlocked('B'), 'page')).rejects.toMatchObject({
      message: 'This link has reached its view limit',
    });
    await expect(openLink(deps, CODE, unlocked('B'), 'bytes')).rejects.toMatchObject({ status: 410 });
    await expect(openLink(deps, CODE, null, 'peek')).rejects.toMatchObject({ status: 401 });
    advance(HOUR);
    await expect(openLink(deps, CODE, unlocked('A'), 'page')).rejects.toMatchObject({ message: 'This link has expired' });
  });

  it('does not take an unlock token of another link or password', async () => {
    const { deps, visit, media } = await setup();
    await deps.db.shareLinks.update(CODE, media.id, { passwordHash: 'scrypt$new' });
    for (const token of [unlockTokenFor(CODE, 'scrypt$old'), unlockTokenFor('zyxwvutsrqponmlkjihgfe', 'scrypt$new'), 'x']) {
      await expect(openLink(deps, CODE, visit('A', { unlockToken: token }), 'page')).rejects.toMatchObject({ status: 401 });
    }
  });
});

describe('isUnfurler', () => {
  it.each([
    'facebookexternalhit/1.1',
    'Twitterbot/1.0',
    'Slackbot-LinkExpanding 1.0',
    'TelegramBot (like TwitterBot)',
    'WhatsApp/2.23',
  ])('knows %s', (ua) => expect(isUnfurler(ua)).toBe(true));
  it.each(['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', undefined])('counts %s', (ua) =>
    expect(isUnfurler(ua)).toBe(false),
  );
});
