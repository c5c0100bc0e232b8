// The tray icon: hosting state and viewer count at a glance, and the few things worth
// doing without opening the window. It shows what the renderer last reported; Stop
// hosting asks the renderer to stop, because the renderer holds the viewers' streams.
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { HostingReport } from '../preload/api-types';
import { describeHosting, IDLE_REPORT, isHosting } from './hosting-status';

export const APP_NAME = 'WebRTC Desktop Host';

// A blue monitor glyph, 16 and 32 px, drawn by a script rather than shipped as files so
// the tray needs nothing from the build. macOS uses only its shape (a template image).
const ICON_16 =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAV0lEQVR42mNQTX7NQAlmoJYBDkDcQCJ2QDYAJPCfRNyAzQBinU6UAQJAXADFAuQYUIDk3IIBMYBiL5AViGRHI66EhKwYb0LC59T/pOaFBkLOpklmIhsDAEVovZ7UF/dEAAAAAElFTkSuQmCC';
const ICON_32 =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAbklEQVR42mNQTX7NMJCYYdQBow5AE/hPJzzqAKIcQO34Hp4OMIBiujsAZOl5JLXniXAIVR1wHkvCOk8vBxjgSd0GI8IBAx4FgyIRDng2HBkl4WhtOCAOIDdO/w9Em3BkOYDiuB7yDhjtGQ1fBwAAe//373vAxLoAAAAASUVORK5CYII=';

function trayIcon(platform: NodeJS.Platform): NativeImage {
  const image = nativeImage.createFromDataURL(ICON_16);
  image.addRepresentation({ scaleFactor: 2, dataURL: ICON_32 }); // sharp on high-DPI screens
  if (platform === 'darwin') image.setTemplateImage(true); // follows the light / dark menu bar
  return image;
}

export interface TrayActions {
  showWindow(): void;
  /** Asks the renderer to stop hosting. */
  requestStopHosting(): void;
  openLogsFolder(): void;
  /** Versions, settings and recent log lines to the clipboard. */
  copyDiagnostics?(): void;
  quit(): void;
}

function trayMenuTemplate(report: HostingReport, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: describeHosting(report), enabled: false },
    { type: 'separator' },
    { label: 'Show', click: () => actions.showWindow() },
    { label: 'Stop hosting', enabled: isHosting(report.status), click: () => actions.requestStopHosting() },
    { type: 'separator' },
    { label: 'Open logs folder', click: () => actions.openLogsFolder() },
    ...(actions.copyDiagnostics ? [{ label: 'Copy diagnostics', click: () => actions.copyDiagnostics?.() }] : []),
    { label: 'Quit', click: () => actions.quit() },
  ];
}

export class HostingTray {
  private readonly tray: Tray;

  constructor(
    private readonly actions: TrayActions,
    platform: NodeJS.Platform = process.platform,
  ) {
    this.tray = new Tray(trayIcon(platform));
    // Windows and Linux users click the icon to get the window back; on macOS a click opens the menu.
    if (platform !== 'darwin') this.tray.on('click', () => actions.showWindow());
    this.show(IDLE_REPORT);
  }

  show(report: HostingReport): void {
    if (this.tray.isDestroyed()) return;
    this.tray.setToolTip(`${APP_NAME}: ${describeHosting(report)}`);
    // Electron menus are immutable once built: a new report builds a new one.
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(report, this.actions)));
  }

  destroy(): void {
    this.tray.destroy();
  }
}
