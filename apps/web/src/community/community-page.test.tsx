import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { ApiError, type ApiHandlers } from '../../test/fake-api';
import { communityItem as item } from '../../test/records';
import { renderWithApi } from '../../test/render';
import { CommunityPage } from './community-page';
import { ProfilePage } from './profile-page';

const TAGS = [
  { id: 1, slug: 'night', label: 'Night', aliases: ['nite'], count: 3 },
  { id: 2, slug: 'urban', label: 'Urban', aliases: [], count: 1 },
];

const setup = (path: string, handlers: ApiHandlers) => {
  const location = memoryLocation({ path, record: true });
  const view = renderWithApi(
    <Router hook={location.hook} searchHook={location.searchHook}>
      <CommunityPage />
    </Router>,
    { 'auth.me': () => null, 'tags.list': () => TAGS, ...handlers },
  );
  return { ...view, location };
};

/** Stands in for the browser's observer so a test can say when the end of the list scrolls into view. */
const stubIntersectionObserver = () => {
  const callbacks = new Set<IntersectionObserverCallback>();
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      constructor(private readonly callback: IntersectionObserverCallback) {}
      observe() {
        callbacks.add(this.callback);
      }
      disconnect() {
        callbacks.delete(this.callback);
      }
    },
  );
  return {
    reachEnd: () =>
      callbacks.forEach((cb) => cb([{ isIntersecting: true } as IntersectionObserverEntry], {} as IntersectionObserver)),
  };
};

describe('CommunityPage', () => {
  it('asks the feed for the filters in the address and shows owner and tags on each card', async () => {
    const { api } = setup('/community?tags=night,urban&origin=uploaded', {
      'community.list': () => ({ items: [item(1, { tags: ['night', 'urban'] })], nextCursor: null }),
    });
    const card = (await screen.findByText('@owner1')).closest('li');
    expect(card).not.toBeNull();
    const [owner, permalink, ...tagLinks] = within(card!).getAllByRole('link');
    expect(owner?.getAttribute('href')).toBe('/u/owner1');
    expect(permalink?.getAttribute('href')).toBe('/community/1');
    expect(tagLinks.map((a) => a.textContent)).toEqual(['#Night', '#Urban']);
    // tRPC's infinite query adds `direction`, which the feed accepts and ignores.
    expect(api.callsTo('community.list')).toEqual([
      { limit: 24, tags: ['night', 'urban'], origin: 'uploaded', direction: 'forward' },
    ]);
    expect(screen.getByRole('radio', { name: 'Uploaded' })).toBeChecked();
    expect(screen.getByRole('button', { name: 'Remove filter Urban' })).toBeInTheDocument();
    // The box has the item's shape before the image arrives.
    expect(card!.querySelector('img')).toHaveAttribute('width', '400');
  });

  it('writes filter changes into the address', async () => {
    const { user, location } = setup('/community?tags=night', {
      'community.list': () => ({ items: [item(1)], nextCursor: null }),
    });
    await screen.findByText('@owner1');
    await user.click(screen.getByRole('radio', { name: 'Generated' }));
    await user.click(screen.getByRole('button', { name: 'Remove filter Night' }));
    expect(location.history.slice(1)).toEqual(['/community?tags=night&origin=generated', '/community?origin=generated']);
  });

  it('loads the next page with the cursor when the end of the list comes into view', async () => {
    const observer = stubIntersectionObserver();
    const { api } = setup('/community', {
      'community.list': (input: { cursor?: string }) =>
        input.cursor === 'page-2' ? { items: [item(2)], nextCursor: null } : { items: [item(1)], nextCursor: 'page-2' },
    });
    await screen.findByText('@owner1');
    observer.reachEnd();
    expect(await screen.findByText('@owner2')).toBeInTheDocument();
    expect(api.callsTo('community.list')).toEqual([
      { limit: 24, tags: [], direction: 'forward' },
      { limit: 24, tags: [], cursor: 'page-2', direction: 'forward' },
    ]);
    expect(screen.getByText('You have reached the end.')).toBeInTheDocument();
  });

  it('offers a Load more button as well', async () => {
    const { user } = setup('/community', {
      'community.list': (input: { cursor?: string }) =>
        input.cursor ? { items: [item(2)], nextCursor: null } : { items: [item(1)], nextCursor: 'page-2' },
    });
    await user.click(await screen.findByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('@owner2')).toBeInTheDocument();
  });

  it('plays a video only when asked, in the viewer with its poster', async () => {
    const { user } = setup('/community', {
      'community.list': () => ({
        items: [
          item(3, {
            kind: 'video',
            mimeType: 'video/webm',
            width: null,
            height: null,
            previewUrl: 'http://localhost:3000/storage/v1/object/public/general/item-3.webm.preview.webp',
          }),
        ],
        nextCursor: null,
      }),
    });
    const play = await screen.findByRole('button', { name: 'Play video shared by owner3' });
    expect(document.querySelector('video[controls]')).toBeNull();
    await user.click(play);
    const viewer = await screen.findByRole('dialog');
    const video = viewer.querySelector('video[controls]');
    expect(video).not.toBeNull();
    expect(video!.getAttribute('src')).toBe(item(3).url);
    expect(video!.getAttribute('poster')).toMatch(/item-3\.webm\.preview\.webp$/);
    // Nothing plays inside the card behind the viewer.
    expect(document.querySelectorAll('video[controls]')).toHaveLength(1);
  });

  it('says when nothing matches, and offers to clear the filters', async () => {
    const { user, location } = setup('/community?tags=night', { 'community.list': () => ({ items: [], nextCursor: null }) });
    expect(await screen.findByText('Nothing matches these filters')).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
    expect(location.history.at(-1)).toBe('/community');
  });

  it('lets the signed-in owner remove their own items, after confirming, and no one else’s', async () => {
    let items = [item(1, { owner: { username: 'me' } }), item(2)];
    const me = { id: 7, email: 'me@example.test', username: 'me', role: 'user', createdAt: new Date().toISOString() };
    const { api, user } = setup('/community', {
      'auth.me': () => me,
      'community.list': () => ({ items, nextCursor: null }),
      'community.remove': (input: { id: number }) => {
        items = items.filter((i) => i.id !== input.id);
        return null;
      },
    });
    const mine = (await screen.findByText('@me')).closest('li')!;
    const theirs = screen.getByText('@owner2').closest('li')!;
    expect(within(theirs).queryByRole('button', { name: 'Remove from Community' })).toBeNull();

    await user.click(within(mine).getByRole('button', { name: 'Remove from Community' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove from the Community feed?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.callsTo('community.remove')).toEqual([]);

    await user.click(within(mine).getByRole('button', { name: 'Remove from Community' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove' }));
    expect(api.callsTo('community.remove')).toEqual([{ id: 1 }]);
    await waitFor(() => expect(screen.queryByText('@me')).toBeNull());
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('@owner2')).toBeInTheDocument();
  });

  it('shows in the dialog why a removal failed', async () => {
    const me = { id: 7, email: 'me@example.test', username: 'me', role: 'user', createdAt: new Date().toISOString() };
    const { user } = setup('/community', {
      'auth.me': () => me,
      'community.list': () => ({ items: [item(1, { owner: { username: 'me' } })], nextCursor: null }),
      'community.remove': () => {
        throw new ApiError(500, 'Failed to remove from the Community feed');
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Remove from Community' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Remove' }));
    expect(await within(screen.getByRole('dialog')).findByRole('alert')).toHaveTextContent(
      'Failed to remove from the Community feed',
    );
    expect(screen.getByText('@me')).toBeInTheDocument();
  });

  it('blurs mature items behind Show; signed out, "Show mature items" is remembered in the browser', async () => {
    window.localStorage.removeItem('mediashare.showMature');
    const { user } = setup('/community', {
      'community.list': () => ({ items: [item(1, { mature: true }), item(2)], nextCursor: null }),
    });
    const mature = (await screen.findByText('@owner1')).closest('li')!;
    expect(within(mature).getByText('Mature content')).toBeInTheDocument();
    expect(within(screen.getByText('@owner2').closest('li')!).queryByText('Mature content')).toBeNull();
    await user.click(within(mature).getByRole('button', { name: 'Show' }));
    expect(within(mature).queryByText('Mature content')).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: 'Show mature items' }));
    expect(window.localStorage.getItem('mediashare.showMature')).toBe('true');
    window.localStorage.removeItem('mediashare.showMature');
  });

  it('keeps a signed-in viewer’s choice on their account', async () => {
    let me = {
      id: 7,
      email: 'me@example.test',
      username: 'me',
      role: 'user',
      showMature: true,
      createdAt: new Date().toISOString(),
    };
    const { api, user } = setup('/community', {
      'auth.me': () => me,
      'community.list': () => ({ items: [item(1, { mature: true })], nextCursor: null }),
      'moderation.setShowMature': (input: { showMature: boolean }) => {
        me = { ...me, showMature: input.showMature };
        return input;
      },
    });
    const card = (await screen.findByText('@owner1')).closest('li')!;
    expect(within(card).queryByText('Mature content')).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: 'Show mature items' }));
    expect(api.callsTo('moderation.setShowMature')).toEqual([{ showMature: false }]);
    expect(await within(card).findByText('Mature content')).toBeInTheDocument();
    expect(window.localStorage.getItem('mediashare.showMature')).toBeNull();
  });

  it('says when the feed cannot be loaded', async () => {
    setup('/community', {
      'community.list': () => {
        throw new ApiError(500, 'Internal server error');
      },
    });
    expect(await screen.findByText('Could not load the Community feed')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});

describe('titles, captions and alt text on cards', () => {
  it('names the picture with its alt text and shows title and caption as text, linking only web addresses', async () => {
    setup('/community', {
      'community.list': () => ({
        items: [
          item(1, {
            title: '<b>Harbour</b> at dusk',
            caption: 'Seen from https://example.test/pier. javascript:alert(1) stays text',
            altText: 'Boats moored along a stone pier, lights on',
          }),
          item(2),
        ],
        nextCursor: null,
      }),
    });
    expect(await screen.findByRole('img', { name: 'Boats moored along a stone pier, lights on' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '<b>Harbour</b> at dusk' })).toBeInTheDocument();
    const link = screen.getByRole('link', { name: 'https://example.test/pier' });
    expect(link).toHaveAttribute('href', 'https://example.test/pier');
    expect(link.getAttribute('rel')).toContain('nofollow');
    expect(screen.getByText(/javascript:alert\(1\) stays text/).closest('a')).toBeNull();
    // Without alt text the name says who shared it and how it is tagged.
    expect(screen.getByRole('img', { name: 'Shared by owner2, tagged night' })).toBeInTheDocument();
  });
});

describe('feed links', () => {
  it('links the filtered feed in the head and on the page', async () => {
    setup('/community?tags=night', { 'community.list': () => ({ items: [item(1)], nextCursor: null }) });
    await screen.findByText('@owner1');
    const links = [...document.head.querySelectorAll('link[rel="alternate"]')].map((l) => [
      l.getAttribute('type'),
      l.getAttribute('href'),
    ]);
    expect(links).toEqual([
      ['application/rss+xml', '/community/feed.xml?tags=night'],
      ['application/atom+xml', '/community/feed.atom?tags=night'],
      ['application/feed+json', '/community/feed.json?tags=night'],
    ]);
    expect(screen.getByRole('link', { name: 'RSS' })).toHaveAttribute('href', '/community/feed.xml?tags=night');
  });
});

describe('ProfilePage', () => {
  it("asks for one user's items and says My posts to their owner", async () => {
    const location = memoryLocation({ path: '/u/owner1' });
    const { api } = renderWithApi(
      <Router hook={location.hook}>
        <ProfilePage username="owner1" />
      </Router>,
      {
        'auth.me': () => ({
          id: 1,
          email: 'o@example.test',
          username: 'owner1',
          role: 'user',
          createdAt: new Date().toISOString(),
        }),
        'tags.list': () => TAGS,
        'community.mine': () => ({ items: [{ ...item(1), mediaId: 11, views: 4 }], nextCursor: null }),
      },
    );
    expect(await screen.findByRole('heading', { name: 'My posts' })).toBeInTheDocument();
    await screen.findByText('@owner1');
    // The owner's page reads the owner's own list (with views), never the public one.
    expect(api.callsTo('community.mine')).toEqual([{ limit: 24, direction: 'forward' }]);
    expect(api.callsTo('community.list')).toEqual([]);
    expect(screen.getByRole('button', { name: 'Remove from Community' })).toBeInTheDocument();
    expect(document.head.querySelector('link[type="application/rss+xml"]')).toHaveAttribute(
      'href',
      '/community/feed.xml?user=owner1',
    );
  });

  it("shows someone else's profile from the public feed, without views or the owner's actions", async () => {
    const location = memoryLocation({ path: '/u/owner1' });
    const { api } = renderWithApi(
      <Router hook={location.hook}>
        <ProfilePage username="owner1" />
      </Router>,
      {
        'auth.me': () => ({
          id: 2,
          email: 'x@example.test',
          username: 'someone',
          role: 'user',
          createdAt: new Date().toISOString(),
        }),
        'tags.list': () => TAGS,
        'community.list': () => ({ items: [item(1)], nextCursor: null }),
      },
    );
    expect(await screen.findByRole('heading', { name: '@owner1' })).toBeInTheDocument();
    await screen.findByText('@owner1', { selector: 'a' });
    expect(api.callsTo('community.list')).toEqual([{ limit: 24, tags: [], user: 'owner1', direction: 'forward' }]);
    expect(api.callsTo('community.mine')).toEqual([]);
    expect(screen.queryByText(/views?$/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove from Community' })).toBeNull();
  });
});
