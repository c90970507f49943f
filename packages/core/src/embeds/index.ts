export { embedRefusal, type EmbedTarget } from './embed-policy';
export { getOEmbed, oEmbedDiscoveryUrl } from './get-oembed';
