import { getPolicy, ZPolicy } from '@mediashare/core';
import { publicProcedure } from '../../init';

export const policy = publicProcedure.output(ZPolicy).query(({ ctx }) => getPolicy(ctx.deps));
