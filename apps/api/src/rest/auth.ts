import { ACCESS, authorize, loginUser, logoutSession, registerUser, toUser, ZLoginInput, ZRegisterInput } from '@mediashare/core';
import { Hono } from 'hono';
import type { AppEnv } from '../deps';
import { clientIp } from '../http/client-ip';
import { clearedSessionCookie, sessionCookie } from '../http/session-cookie';
import { parseJsonBody } from '../http/validate';

export const authRoutes = new Hono<AppEnv>()
  .post('/register', async (c) => {
    const input = await parseJsonBody(c, ZRegisterInput);
    const { user, session } = await registerUser(c.get('deps'), input);
    c.header('Set-Cookie', sessionCookie(c, session), { append: true });
    return c.json(user, 201);
  })
  .post('/login', async (c) => {
    const input = await parseJsonBody(c, ZLoginInput);
    const { user, session } = await loginUser(c.get('deps'), {
      ...input,
      ip: clientIp(c),
      previousSessionId: c.get('sessionId'),
    });
    c.header('Set-Cookie', sessionCookie(c, session), { append: true });
    return c.json(user);
  })
  .post('/logout', async (c) => {
    const sessionId = c.get('sessionId');
    if (sessionId) await logoutSession(c.get('deps'), sessionId);
    c.header('Set-Cookie', clearedSessionCookie(c), { append: true });
    return c.body(null, 204);
  })
  .get('/me', (c) => c.json(toUser(authorize(c.get('caller'), ACCESS.signedIn('read')).user)));
