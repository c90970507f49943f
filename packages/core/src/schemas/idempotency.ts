import { z } from 'zod';

/** The request header that makes a creating POST safe to retry (README: Idempotency-Key). */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/** Any visible ASCII, as the IETF draft's structured string allows; a UUID v4 is what clients should send. */
export const ZIdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, { message: 'must be 1 to 255 visible ASCII characters' })
  .meta({
    description:
      'A unique value per logical request (a UUID v4): a retry with the same key and the same request gets the stored answer for 24 hours instead of doing the work again; the same key with a different request is a 422. Keys are per user.',
    example: '5c3b6c1e-2f7a-4d59-9c51-3b0d5a7e9f10',
  });

/** The tRPC form of the header: an optional field of a creating mutation's input. */
export const ZIdempotencyKeyField = z.object({ idempotencyKey: ZIdempotencyKey.optional() });
