import { findSessions, ZSession } from '@mediashare/core';
import { z } from 'zod';
import { sessionProcedure } from '../../init';

export const sessions = sessionProcedure
  .output(z.array(ZSession))
  .query(({ ctx }) => findSessions(ctx.deps, { userId: ctx.user.id, sessionId: ctx.sessionId }));
