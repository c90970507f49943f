// Examples taken from the API documentation of POST /api/media/:id/share, as it gives them.
export const SHARE_REQUEST_EXAMPLES = {
  requestExample: {
    summary: 'Request Example',
    value: { shareToCommunity: true, tags: ['brunette', 'solo', 'artistic'], policyAgreed: true },
  },
  communityWithTags: {
    summary: 'Share to community with tags',
    value: { shareToCommunity: true, tags: ['brunette', 'solo'], policyAgreed: true },
  },
  linkOnly: { summary: 'Share without community (link only); also: unshare from Community', value: { shareToCommunity: false } },
};

export const SHARE_RESPONSE_EXAMPLES = {
  successResponseExample: {
    summary: 'Success Response Example',
    value: {
      shareCode: 'abc123def456',
      shareUrl: '/shared/media/abc123def456',
      communityUrl: 'https://example.supabase.co/storage/v1/object/public/general/beach_photo-a1b2c3d4.jpg',
      communityMediaId: 789,
    },
  },
};
