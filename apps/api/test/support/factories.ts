import { randomBytes } from 'node:crypto';
import type { App } from '../../src/app';
import { call } from './http';

export const uniqueName = (prefix = 'user') => `${prefix}${randomBytes(5).toString('hex')}`;

export interface TestUser {
  id: number;
  email: string;
  username: string;
  password: string;
  cookie: string;
}

/** Registers a fresh user (unique per call, so test files can share a database) and signs them in. */
export const createUser = async (app: App, overrides: Partial<{ email: string; username: string; password: string }> = {}) => {
  const username = overrides.username ?? uniqueName();
  const input = {
    email: overrides.email ?? `${username}@example.test`,
    username,
    password: overrides.password ?? 'correct horse battery',
  };
  const res = await call<{ id: number }>(app, '/api/auth/register', { json: input });
  if (res.status !== 201 || !res.setCookie) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, ...input, cookie: res.setCookie } satisfies TestUser;
};

/** A multipart body with one `file` part, as browsers and curl -F send it. */
export const fileForm = (bytes: Uint8Array, fileName = 'file.bin', type = 'application/octet-stream') => {
  const form = new FormData();
  form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), fileName);
  return form;
};

export const uploadFile = async (app: App, user: TestUser, bytes: Uint8Array, fileName = 'file.bin', type?: string) =>
  call(app, '/api/user/media', { method: 'POST', body: fileForm(bytes, fileName, type), cookie: user.cookie });
