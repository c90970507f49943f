import { findUsersWithUsage, ZAdminUserList } from '@mediashare/core';
import { adminProcedure } from '../../init';

export const list = adminProcedure.output(ZAdminUserList).query(({ ctx }) => findUsersWithUsage(ctx.deps));
