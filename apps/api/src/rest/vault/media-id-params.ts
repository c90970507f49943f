import { ZMediaId } from '@mediashare/core';
import { z } from 'zod';

/** `{id}` in every path that names a media item. */
export const ZMediaIdParams = z.object({ id: ZMediaId });
