import { ERRORS, type UserRecord } from '@mediashare/core';
import type { Context } from 'hono';
import type { AppEnv } from '../deps';

/** The signed-in user, or the documented 401. */
export const currentUser = (c: Context<AppEnv>): UserRecord => {
  const user = c.get('user');
  if (!user) throw ERRORS.authRequired();
  return user;
};
