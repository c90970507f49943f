import { getAccountStatus, ZAccountStatus } from '@mediashare/core';
import { protectedProcedure } from '../../init';

/** GET /api/auth/me's account fields; `auth.me` stays the cheap "who is signed in" the SPA asks often. */
export const status = protectedProcedure.output(ZAccountStatus).query(({ ctx }) => getAccountStatus(ctx.deps, ctx.user.id));
