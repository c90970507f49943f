import { ZCommunityId } from '@mediashare/core';
import { z } from 'zod';

export const ZCommunityIdParams = z.object({ id: ZCommunityId });
