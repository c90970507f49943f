import { z } from 'zod';
import { ZId, ZIsoDate, oneLine } from './common';
import { ZTokenId } from './ids';

/** `read`: every GET of the owner's data. `share`: everything that changes the vault or its sharing. */
export const TOKEN_SCOPES = ['read', 'share'] as const;
export const ZTokenScope = z.enum(TOKEN_SCOPES);
export type TTokenScope = z.infer<typeof ZTokenScope>;

export const ZCreateTokenInput = z.strictObject({
  name: oneLine(z.string().trim().min(1, { message: 'is required' }).max(64)),
  scopes: z
    .array(ZTokenScope)
    .min(1, { message: 'must name at least one scope' })
    .refine((s) => new Set(s).size === s.length, { message: 'must not repeat a scope' }),
  /** Omitted: the token does not expire (it can always be revoked). */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type TCreateTokenInput = z.input<typeof ZCreateTokenInput>;

export const ZApiToken = z.object({
  id: ZId,
  name: z.string(),
  /** The token's first characters, to tell tokens apart. */
  prefix: z.string(),
  scopes: z.array(ZTokenScope),
  createdAt: ZIsoDate,
  lastUsedAt: ZIsoDate.nullable(),
  expiresAt: ZIsoDate.nullable(),
});
export type TApiToken = z.infer<typeof ZApiToken>;

/** Only the answer to creating a token carries the token itself; it is never shown again. */
export const ZCreatedApiToken = ZApiToken.extend({ token: z.string() });
export type TCreatedApiToken = z.infer<typeof ZCreatedApiToken>;

export const ZTokenIdInput = z.strictObject({ id: ZTokenId });
