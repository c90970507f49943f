import { addressKey, ZReportCreated, ZReportInput } from '@mediashare/core';
import type { Context } from 'hono';
import type { AppEnv } from '../../deps';
import { clientIp } from '../../http/client-ip';
import { json, jsonBody } from '../define-route';

export const REPORT_BODY = jsonBody(ZReportInput, {
  nonConsensual: {
    summary: 'Shown without consent',
    value: { reason: 'non_consensual', details: 'This is me; I never agreed.' },
  },
  spam: { summary: 'Spam', value: { reason: 'spam' } },
});

export const REPORT_RESPONSES = {
  200: json(ZReportCreated, 'This reporter had reported this item already: nothing changed.'),
  201: json(ZReportCreated, 'Reported.'),
} as const;

/** Who is reporting: their account, or their address when signed out (one address, one report per item). */
export const reporterOf = (c: Context<AppEnv>, userId: number | null) => ({ userId, address: addressKey(clientIp(c)) });

/** 201 for a new report, 200 for a repeat of one. */
export const reportAnswer = (c: Context<AppEnv>, { id, isNew }: { id: number; isNew: boolean }) =>
  c.json({ id }, isNew ? 201 : 200);
