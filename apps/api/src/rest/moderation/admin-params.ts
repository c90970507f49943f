import { ZReportId, ZUserId } from '@mediashare/core';
import { z } from 'zod';

export const ZReportIdParams = z.object({ id: ZReportId });
export const ZUserIdParams = z.object({ id: ZUserId });
