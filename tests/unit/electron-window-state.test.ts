// The window reopens where it was left, only where the user can still reach it, and its
// placement is saved once a drag settles and at once when it closes.
import type { BrowserWindow } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsStore } from '../../main/settings-store';
import { isReachable, placementFor, rememberWindowState, SAVE_DELAY_MS } from '../../main/window-state';
import { BrowserWindow as FakeWindow, resetFakeElectron } from '../support/fake-electron';

const LAPTOP = { workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const MONITOR_RIGHT = { workArea: { x: 1920, y: 0, width: 2560, height: 1400 } };
const SAVED = { x: 300, y: 200, width: 900, height: 700, maximized: false };

beforeEach(() => {
  resetFakeElectron();
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('placementFor', () => {
  it('restores a placement that is on a screen, maximized included', () => {
    expect(placementFor({ ...SAVED, maximized: true }, [LAPTOP])).toEqual({
      bounds: { x: 300, y: 200, width: 900, height: 700 },
      maximized: true,
    });
  });

  it('opens at the default place when nothing was saved', () => {
    expect(placementFor(undefined, [LAPTOP])).toEqual({ bounds: null, maximized: false });
  });

  it('does not restore a window left on a monitor that is gone', () => {
    const onTheMonitor = { ...SAVED, x: 2500, maximized: true };
    expect(placementFor(onTheMonitor, [LAPTOP, MONITOR_RIGHT]).bounds).toEqual({
      x: 2500,
      y: 200,
      width: 900,
      height: 700,
    });
    expect(placementFor(onTheMonitor, [LAPTOP])).toEqual({ bounds: null, maximized: false });
  });

  it.each([
    ['far off to the right', { x: 5000, y: 200 }],
    ['above the top edge (title bar unreachable)', { x: 300, y: -600 }],
    ['below the bottom edge', { x: 300, y: 1030 }],
    ['off to the left but for a sliver', { x: -880, y: 200 }],
  ])('does not restore a window %s', (_label, position) => {
    expect(placementFor({ ...SAVED, ...position }, [LAPTOP]).bounds).toBeNull();
  });

  it('restores a window that straddles two screens or hangs partly off one', () => {
    expect(isReachable({ x: 1500, y: 100, width: 900, height: 700 }, [LAPTOP, MONITOR_RIGHT])).toBe(true);
    expect(isReachable({ x: -400, y: 100, width: 900, height: 700 }, [LAPTOP])).toBe(true);
    expect(isReachable({ x: 300, y: 600, width: 900, height: 700 }, [LAPTOP])).toBe(true);
  });
});

describe('rememberWindowState', () => {
  function setUp() {
    jest.useFakeTimers();
    const window = new FakeWindow({ x: 100, y: 100, width: 800, height: 600 });
    const update = jest.fn(async (_change: object) => undefined);
    rememberWindowState(window as unknown as BrowserWindow, { update });
    return { window, update };
  }

  it('saves once after a drag settles, with the final position', () => {
    const { window, update } = setUp();
    for (let x = 110; x <= 200; x += 10) window.moveTo({ x });
    window.moveTo({ width: 1000, height: 700 });
    expect(update).not.toHaveBeenCalled();
    jest.advanceTimersByTime(SAVE_DELAY_MS);
    expect(update.mock.calls).toEqual([[{ window: { x: 200, y: 100, width: 1000, height: 700, maximized: false } }]]);
  });

  it('saves maximized with the normal bounds, so un-maximizing later returns to them', () => {
    const { window, update } = setUp();
    window.maximize();
    jest.advanceTimersByTime(SAVE_DELAY_MS);
    expect(update).toHaveBeenLastCalledWith({ window: { x: 100, y: 100, width: 800, height: 600, maximized: true } });
  });

  it('saves at once when the window closes, and nothing after', () => {
    const { window, update } = setUp();
    window.moveTo({ x: 400 });
    window.close();
    expect(update.mock.calls).toEqual([[{ window: { x: 400, y: 100, width: 800, height: 600, maximized: false } }]]);
    jest.advanceTimersByTime(SAVE_DELAY_MS * 2);
    expect(update).toHaveBeenCalledTimes(1);
  });

  it('logs a failed save instead of throwing', async () => {
    jest.useFakeTimers();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const window = new FakeWindow();
    rememberWindowState(window as unknown as BrowserWindow, { update: () => Promise.reject(new Error('disk full')) });
    window.close();
    await Promise.resolve();
    await Promise.resolve();
    expect(warn).toHaveBeenCalledWith('window: cannot save its position:', expect.any(Error));
  });
});

describe('the window entry in the settings file', () => {
  it('is dropped alone when not valid: the other settings survive', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'window-state-'));
    try {
      const store = new SettingsStore(join(dir, 'settings.json'));
      await writeFile(
        store.file,
        JSON.stringify({ hostingPort: 9555, window: { x: 'left', y: 0, width: 10, height: 10, maximized: false } }),
      );
      await expect(store.read()).resolves.toEqual({ hostingPort: 9555 });
      const write = store.update({ window: SAVED });
      expect(store.writing).toBe(true);
      await store.flush();
      await write;
      expect(store.writing).toBe(false);
      await expect(store.read()).resolves.toEqual({ hostingPort: 9555, window: SAVED });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
