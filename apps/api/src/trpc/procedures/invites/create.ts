import { createInvite, ZCreatedInvite, ZCreateInviteInput } from '@mediashare/core';
import { adminProcedure } from '../../init';

export const create = adminProcedure
  .input(ZCreateInviteInput)
  .output(ZCreatedInvite)
  .mutation(({ ctx, input }) => createInvite(ctx.deps, { adminId: ctx.user.id, input }));
