import { createHash, randomBytes } from 'node:crypto';
import { PAGES } from '../schemas/pages';

/** 128 random bits, URL-safe: unguessable, short enough to read out. */
export const createInviteCode = () => randomBytes(16).toString('base64url');

/** Only this is stored: a database leak yields no usable invites. */
export const hashInviteCode = (code: string) => createHash('sha256').update(code.trim()).digest('hex');

/** The sign-up page with the code filled in. */
export const inviteLinkFor = (code: string) => `${PAGES.register}?invite=${encodeURIComponent(code)}`;
