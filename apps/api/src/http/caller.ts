import { identifyCaller, identifyService } from '@mediashare/core';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps';
import { readSessionId } from './session-cookie';

/** Who is calling, from the Authorization header or the session cookie; refusing is the policy's job. */
export const identifyRequestCaller = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const sessionId = readSessionId(c);
  c.set('sessionId', sessionId);
  c.set('caller', await identifyCaller(c.get('deps'), { authorization: c.req.header('authorization'), sessionId }));
  return next();
};

/** Internal apps: the caller is the service when the bearer token is INTERNAL_API_TOKEN, nobody otherwise. */
export const identifyServiceCaller = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  c.set('caller', identifyService(c.get('deps').env.INTERNAL_API_TOKEN, c.req.header('authorization')));
  return next();
};
