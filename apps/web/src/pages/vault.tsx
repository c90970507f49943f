import type { TMediaItem, TUser } from '@mediashare/core/schemas';
import { useState, type ChangeEvent } from 'react';
import { uploadToVault } from '../lib/upload';
import { trpc } from '../trpc';

const Thumb = ({ item }: { item: TMediaItem }) => {
  const src = `/api/user/media/${item.id}/file`;
  return item.mimeType.startsWith('video/') ? (
    <video src={src} muted preload="metadata" width={item.width ?? 320} height={item.height ?? 180} />
  ) : (
    <img src={src} alt={item.fileName} width={item.width ?? undefined} height={item.height ?? undefined} loading="lazy" />
  );
};

export const Vault = ({ user }: { user: TUser }) => {
  const utils = trpc.useUtils();
  const media = trpc.media.list.useQuery({ limit: 60 });
  const logout = trpc.auth.logout.useMutation({ onSuccess: () => utils.auth.me.invalidate() });
  const [uploading, setUploading] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    setError(null);
    setUploading(files.map((f) => f.name));
    for (const file of files) {
      try {
        await uploadToVault(file);
      } catch (e) {
        setError(`${file.name}: ${(e as Error).message}`);
      }
    }
    setUploading([]);
    await utils.media.list.invalidate();
  };

  return (
    <main className="vault">
      <header>
        <h1>Your vault</h1>
        <span>Signed in as {user.username}</span>
        <button type="button" onClick={() => logout.mutate()}>
          Sign out
        </button>
      </header>
      <label className="upload">
        Upload images, GIFs or videos
        <input type="file" multiple accept="image/jpeg,image/png,image/webp,image/gif,video/mp4,video/webm,video/quicktime" onChange={onFiles} />
      </label>
      {uploading.length > 0 && <p role="status">Uploading {uploading.join(', ')}…</p>}
      {error && <p role="alert">{error}</p>}
      {media.isLoading && <p>Loading…</p>}
      {media.data?.items.length === 0 && <p>Nothing here yet. Upload something to begin.</p>}
      <ul className="grid">
        {media.data?.items.map((item) => (
          <li key={item.id}>
            <Thumb item={item} />
            <span>{item.fileName}</span>
          </li>
        ))}
      </ul>
    </main>
  );
};
