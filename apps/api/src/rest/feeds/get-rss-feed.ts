import { feedRoute } from './feed-route';

export const getRssFeedRoute = feedRoute('rss', 'getRssFeed');
