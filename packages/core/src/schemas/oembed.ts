import { z } from 'zod';

const ZMaxSize = z.coerce
  .number()
  .int()
  .min(16, { message: 'must be at least 16' })
  .max(4096, { message: 'must be at most 4096' })
  .optional();

/** oEmbed 1.0's request: the page's URL, the format (json only here), and the consumer's size limits. */
export const ZOEmbedQuery = z.object({
  url: z.string().min(1, { message: 'is required' }).max(2048, { message: 'must be at most 2048 characters' }).meta({
    description: 'A community permalink or a share URL of this instance',
    example: 'https://media.example/community/42',
  }),
  format: z
    .string()
    .max(16)
    .optional()
    .meta({ description: 'Only `json`; any other format is answered 501, as oEmbed 1.0 says' }),
  maxwidth: ZMaxSize.meta({ description: 'The largest width the consumer can show' }),
  maxheight: ZMaxSize.meta({ description: 'The largest height the consumer can show' }),
});
export type TOEmbedQuery = z.output<typeof ZOEmbedQuery>;
export const ZOEmbedInput = z.strictObject(ZOEmbedQuery.shape);

export const ZOEmbed = z.object({
  version: z.literal('1.0'),
  type: z.enum(['photo', 'video']),
  provider_name: z.string(),
  provider_url: z.string(),
  title: z.string().optional(),
  author_name: z.string().optional(),
  author_url: z.string().optional(),
  /** photo: the picture itself (its public preview). */
  url: z.string().optional(),
  /** video: the player markup. */
  html: z.string().optional(),
  width: z.number().int(),
  height: z.number().int(),
  thumbnail_url: z.string().optional(),
  thumbnail_width: z.number().int().optional(),
  thumbnail_height: z.number().int().optional(),
  cache_age: z.number().int().optional(),
});
export type TOEmbed = z.infer<typeof ZOEmbed>;
