import { endOtherSessions as end, ZEndedSessions } from '@mediashare/core';
import { sessionProcedure } from '../../init';

export const endOtherSessions = sessionProcedure
  .output(ZEndedSessions)
  .mutation(({ ctx }) => end(ctx.deps, { userId: ctx.user.id, sessionId: ctx.sessionId }));
