/** A display name as sent (in NFC): the last path segment, without control characters, never empty. */
export const cleanFileName = (name: string | undefined, fallbackExt: string): string => {
  const base = (name ?? '').split(/[/\\]/).at(-1) ?? '';
  // eslint-disable-next-line no-control-regex
  const controls = /[\u0000-\u001f\u007f]/g;
  const clean = base.normalize('NFC').replace(controls, '').trim().slice(0, 255);
  return clean.length > 0 ? clean : `upload.${fallbackExt}`;
};
