import { ZCreateTokenInput, type TCreateTokenInput, type TTokenScope } from '@mediashare/core/schemas';

/** How long a new token lasts, in days; null: until it is revoked. */
export const EXPIRY_CHOICES = [null, 7, 30, 90, 365] as const;
export type TExpiryChoice = (typeof EXPIRY_CHOICES)[number];

export const TOKEN_NAME_MAX = ZCreateTokenInput.shape.name.maxLength ?? undefined;

export interface TokenDraft {
  name: string;
  scopes: TTokenScope[];
  expiresInDays: TExpiryChoice;
}

export type TokenDraftErrors = Partial<Record<'name' | 'scopes', string>>;

export type TokenDraftResult = { input: TCreateTokenInput; errors?: undefined } | { input?: undefined; errors: TokenDraftErrors };

/** The server's own schema judges the draft; this only words its answer for people. */
export const checkTokenDraft = ({ name, scopes, expiresInDays }: TokenDraft): TokenDraftResult => {
  const result = ZCreateTokenInput.safeParse({ name, scopes, ...(expiresInDays === null ? {} : { expiresInDays }) });
  if (result.success) return { input: result.data };
  const errors: TokenDraftErrors = {};
  for (const issue of result.error.issues) {
    if (issue.path[0] === 'name') {
      errors.name ??= issue.code === 'too_big' ? `Name can be at most ${TOKEN_NAME_MAX} characters.` : 'Name is required.';
    } else if (issue.path[0] === 'scopes') {
      errors.scopes ??= 'Choose at least one scope.';
    }
  }
  return { errors };
};
