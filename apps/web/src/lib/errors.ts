import { TRPCClientError } from '@trpc/client';

/** The HTTP status the API answered with; undefined when no answer came back. */
export const statusOf = (error: unknown): number | undefined => {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  if (typeof data !== 'object' || data === null || !('httpStatus' in data)) return undefined;
  return typeof data.httpStatus === 'number' ? data.httpStatus : undefined;
};

export const isNotFound = (error: unknown) => statusOf(error) === 404;
/** A share code the API cannot use (malformed or retired) reads the same to a visitor: the link is dead. */
export const isDeadLink = (error: unknown) => statusOf(error) === 404 || statusOf(error) === 400;
export const isUnauthorized = (error: unknown) => statusOf(error) === 401;

/** The API's own message when it sent one; a plain sentence when the request never got an answer. */
export const errorMessage = (error: unknown): string => {
  if (error instanceof TRPCClientError && statusOf(error) === undefined) {
    return 'Could not reach the server. Check your connection and try again.';
  }
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
};
