import type { TMediaItem } from '@mediashare/core/schemas';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatBytes } from '../lib/format';
import { UploadAbortedError, uploadToVault } from '../lib/upload';

export type UploadStatus = 'queued' | 'uploading' | 'processing' | 'done' | 'error';

export interface UploadEntry {
  key: string;
  name: string;
  size: number;
  sent: number;
  total: number;
  status: UploadStatus;
  error?: string;
}

/** Two at a time keeps each file's progress meaningful without one large video holding up the rest. */
const CONCURRENCY = 2;
const DONE_VISIBLE_MS = 4000;

let nextKey = 0;

interface UploadOptions {
  /** The server's limit, once known. Until then every file is sent and the server has the last word. */
  maxBytes: number | undefined;
  onUploaded: (item: TMediaItem) => void;
}

const tooLargeMessage = (maxBytes: number) => `Too large: the limit is ${formatBytes(maxBytes)} per file.`;

/**
 * A queue of uploads with per-file progress; failures stay listed with the server's message until dismissed.
 * A file over the size limit fails at once, rather than after its bytes have crossed the network.
 */
export const useUploads = ({ maxBytes, onUploaded }: UploadOptions) => {
  const [entries, setEntries] = useState<UploadEntry[]>([]);
  const queue = useRef<{ key: string; file: File }[]>([]);
  const aborts = useRef(new Map<string, () => void>());
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  const uploaded = useRef(onUploaded);
  useEffect(() => {
    uploaded.current = onUploaded;
  });
  useEffect(() => () => timers.current.forEach(clearTimeout), []);

  const update = useCallback((key: string, patch: Partial<UploadEntry>) => {
    setEntries((list) => list.map((entry) => (entry.key === key ? { ...entry, ...patch } : entry)));
  }, []);
  const remove = useCallback((key: string) => setEntries((list) => list.filter((entry) => entry.key !== key)), []);

  const pump = useCallback(() => {
    while (aborts.current.size < CONCURRENCY && queue.current.length > 0) {
      const next = queue.current.shift();
      if (!next) break;
      const { key, file } = next;
      update(key, { status: 'uploading' });
      const handle = uploadToVault(file, (sent, total) =>
        // Once every byte is sent the server still sniffs, measures and stores the file.
        update(key, { sent, total, status: sent >= total ? 'processing' : 'uploading' }),
      );
      aborts.current.set(key, handle.abort);
      handle.done
        .then((item) => {
          update(key, { status: 'done', sent: file.size, total: file.size });
          uploaded.current(item);
          const timer = setTimeout(() => {
            timers.current.delete(timer);
            remove(key);
          }, DONE_VISIBLE_MS);
          timers.current.add(timer);
        })
        .catch((error: unknown) => {
          if (error instanceof UploadAbortedError) remove(key);
          else update(key, { status: 'error', error: error instanceof Error ? error.message : String(error) });
        })
        .finally(() => {
          aborts.current.delete(key);
          pump();
        });
    }
  }, [remove, update]);

  const add = useCallback(
    (files: readonly File[]) => {
      const added = files.map((file) => ({
        key: `upload-${nextKey++}`,
        file,
        error: maxBytes !== undefined && file.size > maxBytes ? tooLargeMessage(maxBytes) : undefined,
      }));
      setEntries((list) => [
        ...list,
        ...added.map(({ key, file, error }) => ({
          key,
          name: file.name,
          size: file.size,
          sent: 0,
          total: file.size,
          ...(error ? { status: 'error' as const, error } : { status: 'queued' as const }),
        })),
      ]);
      queue.current.push(...added.filter((upload) => !upload.error));
      pump();
    },
    [maxBytes, pump],
  );

  const cancel = useCallback(
    (key: string) => {
      const abort = aborts.current.get(key);
      if (abort) abort();
      else {
        queue.current = queue.current.filter((q) => q.key !== key);
        remove(key);
      }
    },
    [remove],
  );

  return { entries, add, cancel, dismiss: remove };
};
