import { addressKey, createReport, ZCommunityId, ZReportCreated, ZReportInput } from '@mediashare/core';
import { z } from 'zod';
import { clientIp } from '../../../http/client-ip';
import { publicProcedure } from '../../init';

/** A report of a community item (`id`) or of what a share link shows (`code`): anyone may file one. */
export const report = publicProcedure
  .meta({ budget: 'reports' })
  .input(
    z.union([
      z.strictObject({ id: ZCommunityId, ...ZReportInput.shape }),
      z.strictObject({ code: z.string().max(128), ...ZReportInput.shape }),
    ]),
  )
  .output(ZReportCreated.extend({ isNew: z.boolean() }))
  .mutation(({ ctx, input }) => {
    const { reason, details } = input;
    const target =
      'id' in input ? ({ kind: 'community', id: input.id } as const) : ({ kind: 'link', shareCode: input.code } as const);
    return createReport(ctx.deps, {
      target,
      reporter: { userId: ctx.user?.id ?? null, address: addressKey(clientIp(ctx.hono)) },
      input: { reason, ...(details === undefined ? {} : { details }) },
    });
  });
