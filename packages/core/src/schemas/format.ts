import type { z } from 'zod';

type Issue = Pick<z.core.$ZodIssue, 'path' | 'message'> & { code?: string; keys?: readonly string[] };

const STANDALONE = new Set<string>();

/** Registers a schema message that already says what was wrong ("Invalid media ID"): it is shown as is. */
export const standaloneMessage = (message: string) => {
  STANDALONE.add(message);
  return message;
};

/** One readable sentence naming the field that failed, for `{ "message": ... }` answers and forms. */
export const formatZodIssues = (issues: readonly Issue[]): string => {
  const issue = issues[0];
  if (!issue) return 'Invalid request';
  if (STANDALONE.has(issue.message)) return issue.message;
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return `Unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}${path ? ` in "${path}"` : ''}`;
  }
  if (!path) return `Invalid request: ${issue.message}`;
  return `Invalid field "${path}": ${issue.message}`;
};

export const formatZodError = (error: z.ZodError): string => formatZodIssues(error.issues);
