export { createApiToken } from './create-api-token';
export { findApiTokens, revokeApiToken } from './manage-api-tokens';
export { authenticateApiToken } from './authenticate-api-token';
export { isWellFormedApiToken, hashApiToken } from './api-token';
