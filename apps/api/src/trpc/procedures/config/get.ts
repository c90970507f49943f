import { getPublicConfig, ZPublicConfig } from '@mediashare/core';
import { publicProcedure } from '../../init';

export const get = publicProcedure.output(ZPublicConfig).query(({ ctx }) => getPublicConfig(ctx.deps));
