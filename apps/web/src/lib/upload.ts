import type { TMediaItem } from '@mediashare/core/schemas';

export interface UploadHandle {
  done: Promise<TMediaItem>;
  abort: () => void;
}

export class UploadAbortedError extends Error {
  constructor() {
    super('Upload cancelled');
    this.name = 'UploadAbortedError';
  }
}

const messageOf = (xhr: XMLHttpRequest): string => {
  const body: unknown = xhr.response;
  if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') return body.message;
  return `Upload failed (HTTP ${xhr.status})`;
};

/**
 * Uploads one file to the vault. XHR rather than fetch because only XHR reports upload progress;
 * `onProgress` gets bytes of the request body sent so far (the file plus a little multipart framing).
 */
export const uploadToVault = (file: File, onProgress?: (sent: number, total: number) => void): UploadHandle => {
  const xhr = new XMLHttpRequest();
  const done = new Promise<TMediaItem>((resolve, reject) => {
    xhr.open('POST', '/api/user/media');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      if (xhr.status === 201 && xhr.response) resolve(xhr.response as TMediaItem);
      else reject(new Error(messageOf(xhr)));
    };
    // The server answers a refused body before reading it all and closes the connection only after the
    // answer is out; a proxy in between may still cut it, which browsers report as a network error.
    xhr.onerror = () => reject(new Error('Upload failed: the connection was closed. The file may be too large.'));
    xhr.onabort = () => reject(new UploadAbortedError());
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
};
