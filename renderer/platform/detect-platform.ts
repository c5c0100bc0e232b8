// Which platform this page runs on: the desktop app's preload puts its API on
// window.desktopHost; a plain browser has none.
import type { DesktopHostWindow } from '../../preload/api-types';
import { createBrowserPlatform } from './browser-platform';
import { createElectronPlatform } from './electron-platform';
import type { Platform } from './platform';
import type { PageAddress } from '../app/page-address';

/** `address`: the page's address as first read (its fragment may since have left the address bar). */
export function detectPlatform(
  win: Pick<Window, 'location'> & DesktopHostWindow = window,
  address: PageAddress = win.location,
): Platform {
  const api = win.desktopHost;
  return api && typeof api.startHosting === 'function' ? createElectronPlatform(api) : createBrowserPlatform(address);
}
