import { getPublicConfig } from '@mediashare/core';
import { Hono } from 'hono';
import type { AppEnv } from '../deps';

export const configRoutes = new Hono<AppEnv>().get('/', (c) => c.json(getPublicConfig(c.get('deps'))));
