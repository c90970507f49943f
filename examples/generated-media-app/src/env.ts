export interface ExampleConfig {
  /** Where mediashare runs. */
  url: string;
  /** The user's personal API token, with scopes read and share. */
  token: string;
  /** The server's INTERNAL_API_TOKEN. */
  serviceToken: string;
  /** Whose vault the generated media goes into. */
  userId: number;
}

export const loadConfig = (source: Record<string, string | undefined> = process.env): ExampleConfig => {
  const missing = ['MEDIASHARE_URL', 'MEDIASHARE_TOKEN', 'MEDIASHARE_SERVICE_TOKEN', 'MEDIASHARE_USER_ID'].filter(
    (name) => !source[name],
  );
  if (missing.length > 0) throw new Error(`Set ${missing.join(', ')}`);
  return {
    url: source.MEDIASHARE_URL ?? '',
    token: source.MEDIASHARE_TOKEN ?? '',
    serviceToken: source.MEDIASHARE_SERVICE_TOKEN ?? '',
    userId: Number(source.MEDIASHARE_USER_ID),
  };
};
