import { randomUUID } from 'node:crypto';

/** 122 random bits from a v4 UUID, hex without dashes: URL-safe and unguessable. */
export const newShareCode = (): string => randomUUID().replaceAll('-', '');
