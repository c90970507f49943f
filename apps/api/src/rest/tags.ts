import { findActiveTags } from '@mediashare/core';
import { Hono } from 'hono';
import type { AppEnv } from '../deps';

export const tagRoutes = new Hono<AppEnv>().get('/', async (c) => c.json(await findActiveTags(c.get('deps'))));
