import { updateUserQuota, ZAdminUser, ZUpdateUserQuotaInput, ZUserId } from '@mediashare/core';
import { adminProcedure } from '../../init';

export const updateQuota = adminProcedure
  .input(ZUpdateUserQuotaInput.extend({ id: ZUserId }))
  .output(ZAdminUser)
  .mutation(({ ctx, input }) =>
    updateUserQuota(ctx.deps, { adminId: ctx.user.id, userId: input.id, quotaBytes: input.quotaBytes }),
  );
