import { getOEmbed, ZOEmbed, ZOEmbedInput } from '@mediashare/core';
import { publicProcedure } from '../../init';

export const oembed = publicProcedure
  .input(ZOEmbedInput)
  .output(ZOEmbed)
  .query(({ ctx, input }) => getOEmbed(ctx.deps, input, ctx.deps.env.PUBLIC_URL));
