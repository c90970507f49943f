import { suggestTags, ZTagSuggestInput, ZTagSuggestion } from '@mediashare/core';
import { z } from 'zod';
import { publicProcedure } from '../../init';

export const suggest = publicProcedure
  .input(ZTagSuggestInput)
  .output(z.array(ZTagSuggestion))
  .query(({ ctx, input }) => suggestTags(ctx.deps, input));
