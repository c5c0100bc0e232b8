// Closing the window while hosting hides it (the renderer is the host); otherwise it
// closes, and the app quits except on macOS. A real quit always closes it.
import type { BrowserWindow } from 'electron';
import { CloseToTray } from '../../main/close-to-tray';
import { app, BrowserWindow as FakeWindow, fake, resetFakeElectron } from '../support/fake-electron';

let hosting: boolean;
let showWindow: jest.Mock;

function setUp(platform: NodeJS.Platform = 'linux') {
  const closeToTray = new CloseToTray({ isHosting: () => hosting, showWindow, platform });
  const window = new FakeWindow();
  closeToTray.attach(window as unknown as BrowserWindow);
  return window;
}

beforeEach(() => {
  resetFakeElectron();
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  hosting = true;
  showWindow = jest.fn();
});
afterEach(() => jest.restoreAllMocks());

it('hides the window instead of closing it while hosting, and says so once', () => {
  const window = setUp();
  window.close();
  window.show();
  window.close();
  expect(window.isDestroyed()).toBe(false);
  expect(window.isVisible()).toBe(false);
  expect(app.quitted).toBe(false);
  expect(fake.notifications).toHaveLength(1);
  fake.notifications[0]!.click();
  expect(showWindow).toHaveBeenCalledTimes(1);
});

it('closes and quits when not hosting (Windows, Linux)', () => {
  hosting = false;
  const window = setUp('win32');
  window.close();
  expect(window.isDestroyed()).toBe(true);
  expect(app.quitted).toBe(true);
  expect(fake.notifications).toEqual([]);
});

it('closes but keeps running on macOS when not hosting', () => {
  hosting = false;
  const window = setUp('darwin');
  window.close();
  expect(window.isDestroyed()).toBe(true);
  expect(app.quitted).toBe(false);
});

it('lets a real quit close the window even while hosting', () => {
  const window = setUp();
  app.emit('before-quit', { preventDefault: () => undefined });
  window.close();
  expect(window.isDestroyed()).toBe(true);
});

it('does not hold up a Windows shutdown', () => {
  const window = setUp('win32');
  window.emit('session-end');
  window.close();
  expect(window.isDestroyed()).toBe(true);
});
