// Browser-safe: zod schemas and the helpers the SPA shares with the server. Nothing here may import Node APIs.
export * from './common';
export * from './ids';
export * from './auth';
export * from './media';
export * from './share';
export * from './tags';
export * from './community';
export * from './tokens';
export * from './config';
export * from './format';
export * from './pages';
export * from './share-rules';
export * from './watermark-policy';
export * from './renditions';
export * from './account';
export * from './oembed';
