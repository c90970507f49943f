import { toUser, ZUser } from '@mediashare/core';
import { publicProcedure } from '../../init';

/** The signed-in user, or null: the SPA asks this to decide what to show, so "nobody" is not an error. */
export const me = publicProcedure.output(ZUser.nullable()).query(({ ctx }) => (ctx.user ? toUser(ctx.user) : null));
