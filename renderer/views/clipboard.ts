// Copies text: the async Clipboard API where allowed, else selecting a field
// and execCommand('copy') (plain http pages on another computer lack the API).

export async function copyText(text: string, fallbackField?: HTMLInputElement | null): Promise<boolean> {
  try {
    if (typeof navigator !== 'undefined' && navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied or unavailable: try the old way below.
  }
  try {
    if (!fallbackField) return false;
    fallbackField.focus();
    fallbackField.select();
    return document.execCommand('copy');
  } catch {
    return false;
  }
}
