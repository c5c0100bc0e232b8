// Electron entry: composition only. Each piece lives in its own file; this wires them
// together in the order Electron needs (scheme privileges and open-url before ready).
import { app, session, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { APP_START_URL } from './app-origin';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { CaptureService } from './capture-service';
import { HostingService } from './hosting-service';
import { registerIpcHandlers } from './ipc-handlers';
import { focusWindow, JoinLinkInbox, registerJoinScheme } from './join-links';
import { applyPermissionPolicy } from './permissions';
import { stopServerOnQuit } from './quit-guard';
import { createSecureWindow, guardAllWebContents } from './secure-window';
import { SettingsStore } from './settings-store';

// dist/main/main.js sits next to dist/renderer and dist/preload.
const RENDERER_DIR = join(__dirname, '../renderer');
const PRELOAD_PATH = join(__dirname, '../preload/preload.js');

function startDesktopApp(): void {
  // A second launch (e.g. a clicked join link) hands its argv to the first and exits.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  guardAllWebContents();
  registerJoinScheme();

  const hosting = new HostingService({
    settings: new SettingsStore(join(app.getPath('userData'), 'settings.json')),
    staticDir: RENDERER_DIR,
  });
  const capture = new CaptureService();
  const links = new JoinLinkInbox();
  let window: BrowserWindow | null = null;

  const openWindow = (): void => {
    const created = createSecureWindow({ preloadPath: PRELOAD_PATH });
    window = created;
    created.on('closed', () => {
      if (window === created) window = null;
    });
    links.attach(created);
    created.loadURL(APP_START_URL).catch((error: unknown) => console.error('cannot load the app page:', error));
  };

  app.on('open-url', (event, url) => {
    event.preventDefault();
    links.receive(url);
  });
  app.on('second-instance', (_event, argv) => {
    links.receiveArgv(argv);
    if (window) focusWindow(window);
  });
  links.receiveArgv(process.argv);
  stopServerOnQuit(hosting);
  app.on('window-all-closed', () => app.quit());

  app
    .whenReady()
    .then(() => {
      serveAppProtocol(RENDERER_DIR);
      applyPermissionPolicy(session.defaultSession);
      capture.install(session.defaultSession);
      registerIpcHandlers({ trustedWindow: () => window, hosting, capture });
      openWindow();
      // macOS keeps the app alive without windows; the Dock icon opens one again.
      app.on('activate', () => {
        if (!window) openWindow();
      });
    })
    .catch((error: unknown) => {
      console.error('start-up failed:', error);
      app.exit(1);
    });
}

startDesktopApp();
