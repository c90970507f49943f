import { ZTagSlugParam } from '@mediashare/core';
import { z } from 'zod';

export const ZTagSlugParams = z.object({ slug: ZTagSlugParam });
