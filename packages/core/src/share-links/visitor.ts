import { createHmac, randomBytes } from 'node:crypto';
import type { CoreDeps } from '../deps';
import { addressKey } from '../limits/address-key';

/**
 * Link-preview fetchers of chat apps and social sites: they load a link the moment it is pasted, so
 * their requests are not views. Matched on the user agent they announce.
 */
const UNFURLERS =
  /facebookexternalhit|facebookcatalog|meta-externalagent|facebot|twitterbot|slackbot|slack-imgproxy|discordbot|telegrambot|whatsapp|linkedinbot|skypeuripreview|microsoftpreview|teams|embedly|iframely|redditbot|pinterest|applebot|mastodon|bluesky|cardyb|vkshare|viber|snapchat|google-pagerenderer|googleother|xing-contenttabreceiver|mattermost|rocket\.chat|zulip|signal|line\//i;

export const isUnfurler = (userAgent: string | undefined): boolean => userAgent !== undefined && UNFURLERS.test(userAgent);

/** Who is opening a link, as the transport sees them; only a keyed hash of this is ever stored. */
export interface LinkVisit {
  /** The signed-in caller, if any: the owner's own visits are not views. */
  userId: number | null;
  address: string;
  userAgent: string | undefined;
  /** The unlock cookie this link was given, if the browser sent it. */
  unlockToken: string | undefined;
}

const HOUR_MS = 3_600_000;
export const hourOf = (now: Date) => new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
export const previousHour = (hour: Date) => new Date(hour.getTime() - HOUR_MS);
const dayOf = (now: Date) => now.toISOString().slice(0, 10);

// The day's key, once read from the database; every process reads the same one.
const salts = new Map<string, string>();

/**
 * The visitor as a keyed hash of address (an IPv6 /64 as one) and user agent under the day's random key.
 * The key is stored only for its day, so yesterday's visitors cannot be linked to today's or recomputed.
 */
export const visitorKey = async (deps: Pick<CoreDeps, 'db' | 'now'>, visit: Pick<LinkVisit, 'address' | 'userAgent'>) => {
  const day = dayOf(deps.now());
  let salt = salts.get(day);
  if (!salt) {
    salt = await deps.db.shareLinks.saltFor(day, randomBytes(32).toString('base64url'));
    // Once a day per process: yesterday's key and the visits of hours gone no longer count anything.
    await deps.db.shareLinks.deleteStale(day, previousHour(hourOf(deps.now())));
    salts.clear();
    salts.set(day, salt);
  }
  return createHmac('sha256', salt)
    .update(`${addressKey(visit.address)}\n${visit.userAgent ?? ''}`)
    .digest('base64url');
};
