import { loadConfig } from './env';
import { publishCaption } from './publish-caption';
import { shareOverRest } from './rest-share';

// `pnpm --filter @mediashare/example-generated-media start` with MEDIASHARE_URL, MEDIASHARE_TOKEN,
// MEDIASHARE_SERVICE_TOKEN and MEDIASHARE_USER_ID set.
const config = loadConfig();
const published = await publishCaption(config);
process.stdout.write(`shared media ${published.media.id} to the Community as item ${published.item.id}: ${published.item.url}\n`);
const overRest = await shareOverRest({ url: config.url, token: config.token, mediaId: published.media.id });
process.stdout.write(`share link (REST): ${config.url}${overRest.share.shareUrl}\n`);
