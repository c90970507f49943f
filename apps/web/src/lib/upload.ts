import type { TMediaItem } from '@mediashare/core/schemas';

/** Uploads one file to the vault. Uses XHR because fetch cannot report upload progress. */
export const uploadToVault = (file: File, onProgress?: (sent: number, total: number) => void) =>
  new Promise<TMediaItem>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/user/media');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => onProgress?.(event.loaded, event.total);
    xhr.onload = () => {
      const body = xhr.response as (TMediaItem & { message?: string }) | null;
      if (xhr.status === 201 && body) resolve(body);
      else reject(new Error(body?.message ?? `Upload failed (${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error('Upload failed: the connection was lost'));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
