// Electron entry: composition only. Each piece lives in its own file; this wires them
// together in the order Electron needs (Squirrel events first; crash reporter, Chromium
// switches, scheme privileges and open-url before ready; windows, tray and menus after).
import { app, session, shell } from 'electron';
import { release } from 'node:os';
import { join } from 'node:path';
import type { HostingReport } from '../preload/api-types';
import { installAppMenu } from './app-menu';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { AppWindow } from './app-window';
import { CaptureService } from './capture-service';
import { CloseToTray } from './close-to-tray';
import { keepCrashReportsLocal } from './crash-reports';
import { copyDiagnostics } from './diagnostics';
import { HostingService } from './hosting-service';
import { describeHosting, IDLE_REPORT, isHosting } from './hosting-status';
import { registerIpcHandlers } from './ipc-handlers';
import { JoinLinkInbox, registerJoinScheme } from './join-links';
import { JoinRequestNotifier } from './join-request-notifier';
import { log, openLogFile, recentLogLines } from './main-log';
import { applyPermissionPolicy } from './permissions';
import { applyPlatformSwitches } from './platform-switches';
import { logProcessErrors } from './process-errors';
import { finishWorkBeforeQuit } from './quit-guard';
import { RecordingFiles } from './recording-files';
import { utilityProcessRelay } from './relay-process';
import { askWhereToSaveRecording } from './save-dialog';
import { guardAllWebContents } from './secure-window';
import { SettingsStore } from './settings-store';
import { handleSquirrelEvent } from './squirrel-startup';
import { HostingTray } from './tray';
import { showLinuxUpdateNotice, startAutoUpdates, updatesItself } from './updates';

// dist/main/main.js sits next to dist/renderer and dist/preload.
const RENDERER_DIR = join(__dirname, '../renderer');
const PRELOAD_PATH = join(__dirname, '../preload/preload.js');
// The media relay's entry, run in a utility process while hosting (packaged with the rest of dist/).
const RELAY_ENTRY = join(__dirname, '../signaling/relay-worker.js');

function startDesktopApp(): void {
  const platform = process.platform;
  // The Windows installer runs us only to make or remove shortcuts: do that and leave.
  if (handleSquirrelEvent({ argv: process.argv, platform, execPath: process.execPath, quit: () => app.quit() })) return;
  keepCrashReportsLocal();
  // A second launch (e.g. a clicked join link) hands its argv to the first and exits.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.setAppLogsPath(); // the platform's place: inside userData on Windows and Linux, ~/Library/Logs on macOS
  const logsDir = app.getPath('logs');
  openLogFile(logsDir);
  logProcessErrors();
  log.info(`app: starting version ${app.getVersion()} on ${platform}`);
  // Windows shows notifications only for an app id; Squirrel installs set it, `npm start` does not.
  if (platform === 'win32' && !app.isPackaged) app.setAppUserModelId(process.execPath);
  const switches = applyPlatformSwitches(app);
  for (const line of [...switches.applied.map((s) => `switch ${s}`), ...switches.notes]) log.info(`platform: ${line}`);
  registerAppScheme();
  guardAllWebContents();
  registerJoinScheme();

  const settings = new SettingsStore(join(app.getPath('userData'), 'settings.json'));
  const hosting = new HostingService({
    settings,
    staticDir: RENDERER_DIR,
    server: { relay: utilityProcessRelay(RELAY_ENTRY) },
  });
  const capture = new CaptureService(switches.systemAudio, switches.displayServer);
  const recordings = new RecordingFiles({
    folder: app.getPath('videos'),
    askWhereToSave: (defaultPath) => askWhereToSaveRecording(appWindow.current(), defaultPath),
  });
  const links = new JoinLinkInbox();
  let report: HostingReport = IDLE_REPORT;
  const closeToTray = new CloseToTray({
    isHosting: () => isHosting(report.status),
    showWindow: () => appWindow.show(),
    platform,
  });
  const appWindow: AppWindow = new AppWindow({
    preloadPath: PRELOAD_PATH,
    settings,
    links,
    closeToTray,
    onPageGone: () => onHostingReport(IDLE_REPORT),
  });
  let tray: HostingTray | null = null;
  const joinRequests = new JoinRequestNotifier({
    isWindowAttended: () => appWindow.isAttended(),
    sendDecision: (decision) => appWindow.send('viewerDecision', decision),
    showWindow: () => appWindow.show(),
    platform,
  });
  function onHostingReport(next: HostingReport): void {
    if (describeHosting(next) !== describeHosting(report)) log.info(`hosting: ${describeHosting(next)}`);
    report = next;
    tray?.show(next);
    joinRequests.update(next);
  }
  const openLogsFolder = (): void => {
    shell.openPath(logsDir).then(
      (problem) => problem && log.warn(`cannot open the logs folder: ${problem}`),
      (error: unknown) => log.warn('cannot open the logs folder:', error),
    );
  };

  const copyDiagnosticsNow = (): void => {
    copyDiagnostics({
      appVersion: app.getVersion(),
      isPackaged: app.isPackaged,
      versions: process.versions,
      os: { platform, release: release(), arch: process.arch },
      settings: () => settings.read(),
      logLines: recentLogLines,
    }).catch((error: unknown) => log.warn('diagnostics: cannot copy:', error));
  };

  app.on('open-url', (event, url) => {
    event.preventDefault();
    links.receive(url);
  });
  // Electron emits this only after ready. A second launch means "show me the app", even from the tray.
  app.on('second-instance', (_event, argv) => {
    links.receiveArgv(argv);
    appWindow.show();
  });
  links.receiveArgv(process.argv);
  finishWorkBeforeQuit(hosting, settings);
  app.on('before-quit', () => log.info('app: quitting'));
  startAutoUpdates({ isPackaged: app.isPackaged, platform, logger: log });

  app
    .whenReady()
    .then(async () => {
      serveAppProtocol(RENDERER_DIR);
      applyPermissionPolicy(session.defaultSession);
      capture.install(session.defaultSession);
      registerIpcHandlers({ trustedWindow: () => appWindow.current(), hosting, capture, recordings, onHostingReport });
      installAppMenu({
        platform,
        isPackaged: app.isPackaged,
        openLogsFolder,
        copyDiagnostics: copyDiagnosticsNow,
        ...(updatesItself(platform) ? {} : { checkForNewVersion: () => void showLinuxUpdateNotice() }),
      });
      tray = new HostingTray(
        {
          showWindow: () => appWindow.show(),
          requestStopHosting: () => appWindow.send('stopHostingRequest', null),
          openLogsFolder,
          copyDiagnostics: copyDiagnosticsNow,
          quit: () => app.quit(),
        },
        platform,
      );
      tray.show(report);
      // macOS keeps the app alive without windows; the Dock icon opens one again.
      app.on('activate', () => appWindow.show());
      await appWindow.open();
      log.info('app: ready');
    })
    .catch((error: unknown) => {
      log.error('start-up failed:', error);
      app.exit(1);
    });
}

startDesktopApp();
