import {
  banFromCommunity,
  dismissReport,
  findModerationLog,
  findReportQueue,
  restoreCommunityItem,
  takeDown,
  ZCommunityIdInput,
  ZModerationAction,
  ZModerationLog,
  ZModerationLogQuery,
  ZReportIdInput,
  ZReportQueue,
  ZTakedownByIdInput,
  ZUserIdInput,
} from '@mediashare/core';
import { z } from 'zod';
import { adminProcedure } from '../../init';

// The admin REST routes, one for one; to anyone but an admin they do not exist.
export const reports = adminProcedure.output(ZReportQueue).query(({ ctx }) => findReportQueue(ctx.deps));

export const dismiss = adminProcedure
  .input(ZReportIdInput)
  .output(ZModerationAction)
  .mutation(({ ctx, input }) => dismissReport(ctx.deps, { adminId: ctx.user.id, reportId: input.id }));

export const takedown = adminProcedure
  .input(ZTakedownByIdInput)
  .output(ZModerationAction)
  .mutation(({ ctx, input }) => takeDown(ctx.deps, { adminId: ctx.user.id, communityMediaId: input.id, reason: input.reason }));

export const restore = adminProcedure
  .input(ZCommunityIdInput)
  .output(ZModerationAction)
  .mutation(({ ctx, input }) => restoreCommunityItem(ctx.deps, { adminId: ctx.user.id, communityMediaId: input.id }));

export const communityBan = adminProcedure
  .input(ZUserIdInput)
  .output(ZModerationAction)
  .mutation(({ ctx, input }) => banFromCommunity(ctx.deps, { adminId: ctx.user.id, userId: input.id }));

export const log = adminProcedure
  .input(z.strictObject({ ...ZModerationLogQuery.shape, direction: z.enum(['forward', 'backward']).optional() }))
  .output(ZModerationLog)
  .query(({ ctx, input }) => findModerationLog(ctx.deps, input));
