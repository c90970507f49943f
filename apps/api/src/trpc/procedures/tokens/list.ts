import { findApiTokens, ZApiToken } from '@mediashare/core';
import { z } from 'zod';
import { sessionProcedure } from '../../init';

export const list = sessionProcedure.output(z.array(ZApiToken)).query(({ ctx }) => findApiTokens(ctx.deps, ctx.user.id));
