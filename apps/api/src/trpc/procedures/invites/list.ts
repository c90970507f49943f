import { findInvites, ZInviteList } from '@mediashare/core';
import { adminProcedure } from '../../init';

export const list = adminProcedure.output(ZInviteList).query(({ ctx }) => findInvites(ctx.deps));
