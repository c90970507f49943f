/** What the Community routes answer with, word for word. */
export const COMMUNITY_MESSAGES = {
  notFound: 'Community item not found',
  removeFailed: 'Failed to remove from the Community feed',
} as const;
