import { findActiveTags, ZTag } from '@mediashare/core';
import { z } from 'zod';
import { publicProcedure } from '../../init';

export const list = publicProcedure.output(z.array(ZTag)).query(({ ctx }) => findActiveTags(ctx.deps));
