/** Copies text; false when the browser refuses (no permission, insecure origin), so the caller can fall back. */
export const copyText = async (text: string): Promise<boolean> => {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
};

/** Share URLs are stored as paths; people need the whole address. */
export const absoluteUrl = (path: string) => `${window.location.origin}${path}`;
