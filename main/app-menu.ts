// The application menu: the platform's usual menus, minus what would hurt a host (a
// Reload drops every viewer; DevTools only in development), plus Help items for the
// logs folder, copying diagnostics for a bug report and, on Linux, how to update.
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface AppMenuOptions {
  readonly platform: NodeJS.Platform;
  readonly isPackaged: boolean;
  openLogsFolder(): void;
  /** Versions, settings and recent log lines to the clipboard (diagnostics.ts). */
  copyDiagnostics?(): void;
  /** Only where the app cannot update itself (Linux). */
  checkForNewVersion?(): void;
}

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const help: MenuItemConstructorOptions[] = [{ label: 'Open logs folder', click: () => options.openLogsFolder() }];
  const copy = options.copyDiagnostics;
  if (copy) help.push({ label: 'Copy diagnostics', click: () => copy() });
  const check = options.checkForNewVersion;
  if (check) help.push({ label: 'Check for a new version', click: () => check() });
  const view: MenuItemConstructorOptions[] = [
    ...(options.isPackaged ? [] : [{ role: 'toggleDevTools' } as const, { type: 'separator' } as const]),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(options.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' }, // copy and paste in the join link fields
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
    { role: 'help', submenu: help },
  ];
}

export function installAppMenu(options: AppMenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(options)));
}
