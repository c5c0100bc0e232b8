// Reopens the window where the user left it: position, size and maximized, kept in the
// settings file. A remembered position is used only while it is still on a screen: a
// monitor unplugged since would otherwise open the window somewhere nobody can reach.
import type { BrowserWindow, Rectangle } from 'electron';
import { log } from './main-log';
import type { SettingsStore, WindowState } from './settings-store';

/** Moves and resizes come in bursts while dragging: save once the burst is over. */
export const SAVE_DELAY_MS = 500;
/** The title bar must be this tall and at least this wide on one display to be grabbed. */
const TITLE_BAR_HEIGHT = 32;
const MIN_VISIBLE_WIDTH = 100;

export interface WindowPlacement {
  readonly bounds: Rectangle | null;
  readonly maximized: boolean;
}

function overlap(start: number, length: number, otherStart: number, otherLength: number): number {
  return Math.max(0, Math.min(start + length, otherStart + otherLength) - Math.max(start, otherStart));
}

/** True when the window's title bar lies on one display's work area, so the user can grab it. */
export function isReachable(bounds: Rectangle, displays: ReadonlyArray<{ readonly workArea: Rectangle }>): boolean {
  const titleBarHeight = Math.min(bounds.height, TITLE_BAR_HEIGHT);
  return displays.some(
    ({ workArea }) =>
      overlap(bounds.x, bounds.width, workArea.x, workArea.width) >= Math.min(bounds.width, MIN_VISIBLE_WIDTH) &&
      overlap(bounds.y, titleBarHeight, workArea.y, workArea.height) >= titleBarHeight,
  );
}

/** The saved placement if it is still reachable; otherwise the defaults (the OS centres the window). */
export function placementFor(
  saved: WindowState | undefined,
  displays: ReadonlyArray<{ readonly workArea: Rectangle }>,
): WindowPlacement {
  if (!saved) return { bounds: null, maximized: false };
  const bounds = { x: saved.x, y: saved.y, width: saved.width, height: saved.height };
  if (!isReachable(bounds, displays)) {
    log.info('window: the saved position is off every screen; opening at the default place');
    return { bounds: null, maximized: false };
  }
  return { bounds, maximized: saved.maximized };
}

/** Saves the window's placement after moves and resizes settle, and at once when it closes. */
export function rememberWindowState(
  window: BrowserWindow,
  settings: Pick<SettingsStore, 'update'>,
  delayMs = SAVE_DELAY_MS,
): void {
  let timer: NodeJS.Timeout | null = null;
  const cancel = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const saveNow = (): void => {
    cancel();
    if (window.isDestroyed()) return;
    // Normal bounds: un-maximizing next time returns to the size the user chose. Whole
    // pixels: fractional bounds (scaled displays) would not pass the settings schema.
    const { x, y, width, height } = window.getNormalBounds();
    const state: WindowState = {
      x: Math.round(x),
      y: Math.round(y),
      width: Math.round(width),
      height: Math.round(height),
      maximized: window.isMaximized(),
    };
    settings.update({ window: state }).catch((error: unknown) => log.warn('window: cannot save its position:', error));
  };
  const saveSoon = (): void => {
    cancel();
    timer = setTimeout(saveNow, delayMs);
  };
  window.on('move', saveSoon);
  window.on('resize', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', saveNow);
  window.on('closed', cancel);
}
