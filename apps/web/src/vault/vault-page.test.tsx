import type { TMediaItem } from '@mediashare/core/schemas';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mediaItem } from '../../test/records';
import { renderWithApi } from '../../test/render';
import { VaultPage } from './vault-page';

const user = {
  id: 1,
  email: 'ana@example.test',
  username: 'ana',
  role: 'user' as const,
  showMature: false,
  createdAt: '2025-01-01T00:00:00.000Z',
};

const media = (id: number, fileName: string, overrides: Partial<TMediaItem> = {}) =>
  mediaItem({ id, fileName, size: 2048, width: 64, height: 48, ...overrides });

/** The upload request's network boundary: each XHR the page opens, answered by the test. */
const stubXhr = () => {
  const requests: FakeXhr[] = [];
  class FakeXhr {
    upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = {
      onprogress: null,
    };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    responseType = '';
    status = 0;
    response: unknown = null;
    url = '';
    body: FormData | null = null;
    open(_method: string, url: string) {
      this.url = url;
    }
    send(body: FormData) {
      this.body = body;
      requests.push(this);
    }
    abort() {
      this.onabort?.();
    }
    progress(loaded: number, total: number) {
      act(() => this.upload.onprogress?.({ loaded, total, lengthComputable: true }));
    }
    respond(status: number, response: unknown) {
      this.status = status;
      this.response = response;
      act(() => this.onload?.());
    }
    get fileName() {
      return (this.body?.get('file') as File | null)?.name;
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return requests;
};

const file = (name: string, type = 'image/jpeg', size = 100) => new File([new Uint8Array(size)], name, { type });

const LIMITS = { maxUploadBytes: 25_000_000, maxImagePixels: 50_000_000, maxTagsPerMedia: 10 };

const setup = (items: TMediaItem[] = []) => {
  const requests = stubXhr();
  const view = renderWithApi(<VaultPage user={user} />, {
    'media.list': () => ({ items, nextCursor: null }),
    'media.delete': () => null,
    'config.get': () => LIMITS,
  });
  return { ...view, requests };
};

describe('VaultPage', () => {
  it('uploads several files, two at a time, each with its own progress and outcome', async () => {
    const { user: actor, requests, api } = setup();
    await screen.findByText('Your vault is empty');
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    await actor.upload(input, [file('a.jpg'), file('b.png', 'image/png'), file('c.webm', 'video/webm')]);

    expect(requests.map((r) => r.fileName)).toEqual(['a.jpg', 'b.png']);
    expect(requests[0]!.url).toBe('/api/user/media');
    expect(within(screen.getByRole('list', { name: 'Uploads' })).getByText('Waiting…')).toBeInTheDocument();

    requests[0]!.progress(50, 200);
    expect(screen.getByRole('progressbar', { name: 'Uploading a.jpg' })).toHaveAttribute('value', '25');
    expect(screen.getByText('25% · 50 B of 200 B')).toBeInTheDocument();

    const listCalls = api.callsTo('media.list').length;
    requests[0]!.respond(201, media(1, 'a.jpg'));
    expect(await screen.findByText('Uploaded')).toBeInTheDocument();
    // The finished upload makes room for the queued one, and the vault is asked again.
    expect(requests.map((r) => r.fileName)).toEqual(['a.jpg', 'b.png', 'c.webm']);
    await vi.waitFor(() => expect(api.callsTo('media.list').length).toBeGreaterThan(listCalls));

    requests[1]!.respond(415, {
      message: 'Unsupported file type: only JPEG, PNG, WebP, GIF, MP4, WebM and QuickTime are accepted',
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('Unsupported file type');
    requests[2]!.respond(413, { message: 'File is larger than the limit of 1000 bytes' });
    expect(await screen.findByText('File is larger than the limit of 1000 bytes')).toBeInTheDocument();

    await actor.click(screen.getAllByRole('button', { name: 'Dismiss' })[0]!);
    expect(screen.queryByText(/Unsupported file type/)).not.toBeInTheDocument();
  });

  it('takes files dropped anywhere on the page', async () => {
    const { requests } = setup();
    await screen.findByText('Your vault is empty');
    const page = document.querySelector('main')!;
    const dataTransfer = { files: [file('dropped.jpg')], types: ['Files'], dropEffect: 'none' };
    fireEvent.dragEnter(page, { dataTransfer });
    expect(screen.getByText('Drop to upload')).toBeInTheDocument();
    fireEvent.drop(page, { dataTransfer });
    expect(requests.map((r) => r.fileName)).toEqual(['dropped.jpg']);
    expect(screen.queryByText('Drop to upload')).not.toBeInTheDocument();
  });

  it('refuses a file over the server’s size limit before sending it, naming the limit', async () => {
    const { user: actor, requests } = setup();
    expect(await screen.findByText(/up to 25 MB each/)).toBeInTheDocument();
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    await actor.upload(input, [file('huge.webm', 'video/webm', 25_000_001), file('small.jpg')]);

    expect(requests.map((r) => r.fileName)).toEqual(['small.jpg']);
    const huge = screen.getByText('huge.webm').closest('li')!;
    expect(within(huge).getByRole('alert')).toHaveTextContent('Too large: the limit is 25 MB per file.');
    await actor.click(within(huge).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText('huge.webm')).not.toBeInTheDocument();
  });

  it('cancels an upload in progress', async () => {
    const { user: actor, requests } = setup();
    await screen.findByText('Your vault is empty');
    await actor.upload(document.querySelector<HTMLInputElement>('input[type=file]')!, [file('slow.jpg')]);
    await actor.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(requests).toHaveLength(1);
    expect(screen.queryByRole('list', { name: 'Uploads' })).not.toBeInTheDocument();
  });

  it('shows each item’s share state', async () => {
    setup([
      media(1, 'private.jpg'),
      media(2, 'linked.jpg', { isShared: true, shareCode: 'c'.repeat(22), shareUrl: `/shared/media/${'c'.repeat(22)}` }),
      media(3, 'public.jpg', { isShared: true, shareToCommunity: true, shareCode: 'd'.repeat(22), shareUrl: '/x' }),
    ]);
    const card = async (name: string) => (await screen.findByText(name)).closest('li')!;
    expect(within(await card('private.jpg')).getByText('Private')).toBeInTheDocument();
    expect(within(await card('linked.jpg')).getByText('Link')).toBeInTheDocument();
    expect(within(await card('linked.jpg')).queryByText('Community')).not.toBeInTheDocument();
    expect(within(await card('public.jpg')).getByText('Community')).toBeInTheDocument();
  });

  it('deletes an item only after confirmation', async () => {
    const { user: actor, api } = setup([media(7, 'old.jpg')]);
    await actor.click(await screen.findByRole('button', { name: 'Delete old.jpg' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete “old.jpg”?' });
    await actor.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(api.callsTo('media.delete')).toEqual([]);

    await actor.click(screen.getByRole('button', { name: 'Delete old.jpg' }));
    await actor.click(within(screen.getByRole('dialog', { name: 'Delete “old.jpg”?' })).getByRole('button', { name: 'Delete' }));
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.callsTo('media.delete')).toEqual([{ id: 7 }]);
  });
});
