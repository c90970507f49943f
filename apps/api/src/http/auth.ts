import { AppError, authenticateSession, MESSAGES } from '@mediashare/core';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps';
import { readSessionId } from './session-cookie';

/** Resolves the signed-in user, if any, once per request. */
export const loadUser = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const sessionId = readSessionId(c);
  c.set('sessionId', sessionId);
  c.set('user', sessionId ? await authenticateSession(c.get('deps'), sessionId) : null);
  return next();
};

export const requireUser = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  if (!c.get('user')) throw new AppError('UNAUTHORIZED', MESSAGES.authRequired);
  return next();
};
