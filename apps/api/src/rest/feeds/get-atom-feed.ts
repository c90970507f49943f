import { feedRoute } from './feed-route';

export const getAtomFeedRoute = feedRoute('atom', 'getAtomFeed');
