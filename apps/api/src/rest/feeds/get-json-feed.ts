import { feedRoute } from './feed-route';

export const getJsonFeedRoute = feedRoute('json', 'getJsonFeed');
