// The colour theme chosen in Settings: follow the system, or always light or dark.
// Remembered on this device and set on <html> as data-theme, which app.css reads.
import { loadText, saveText, type ReadableStorage, type WritableStorage } from './device-storage';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const KEY = 'webrtc-desktop-host.theme';

export function loadTheme(storage?: ReadableStorage): Theme {
  const stored = loadText(KEY, storage);
  return THEMES.find((theme) => theme === stored) ?? 'system';
}

export function saveTheme(theme: Theme, storage?: WritableStorage): void {
  saveText(KEY, theme, storage);
}

/** "system" removes the attribute, so the stylesheet follows prefers-color-scheme. */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}
