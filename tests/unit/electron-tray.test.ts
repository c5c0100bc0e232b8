// The tray shows what the renderer reported (state, viewer counts) and offers Stop
// hosting only while hosting; its items call the actions main wired to them.
import type { HostingReport, HostingReportStatus } from '../../preload/api-types';
import type { HostingStatus } from '../../renderer/app/app-state';
import { describeHosting, isHosting } from '../../main/hosting-status';
import { HostingTray, type TrayActions } from '../../main/tray';
import { fake, resetFakeElectron } from '../support/fake-electron';

// The report carries the renderer's own status type: the two must not drift apart.
const sameStatuses: [HostingStatus, HostingReportStatus] extends [HostingReportStatus, HostingStatus] ? true : never =
  true;

const report = (status: HostingReportStatus, watching = 0, waiting = 0): HostingReport => ({
  status,
  watching,
  waiting,
  waitingViewers: Array.from({ length: waiting }, (_, i) => ({ id: `v${i}`, name: `Viewer ${i}` })),
});

let actions: jest.Mocked<TrayActions>;

beforeEach(() => {
  resetFakeElectron();
  actions = {
    showWindow: jest.fn(),
    requestStopHosting: jest.fn(),
    openLogsFolder: jest.fn(),
    copyDiagnostics: jest.fn(),
    quit: jest.fn(),
  };
});

const tray = () => fake.trays[0]!;
const menu = () => tray().contextMenu!;

it('keeps the renderer’s status type and the report’s in step', () => {
  expect(sameStatuses).toBe(true);
});

it('describes hosting in plain words', () => {
  expect(describeHosting(report('idle'))).toBe('Not hosting');
  expect(describeHosting(report('stopping', 3))).toBe('Not hosting');
  expect(describeHosting(report('starting'))).toBe('Starting to host…');
  expect(describeHosting(report('ready'))).toBe('Hosting — 0 watching');
  expect(describeHosting(report('live', 2, 1))).toBe('Hosting — 2 watching, 1 waiting');
  expect(describeHosting(report('reconnecting', 2))).toBe('Hosting — reconnecting, 2 watching');
  expect(
    ['idle', 'starting', 'ready', 'live', 'reconnecting', 'stopping'].filter((s) =>
      isHosting(s as HostingReportStatus),
    ),
  ).toEqual(['starting', 'ready', 'live', 'reconnecting']);
});

it('starts as "Not hosting", with Stop hosting disabled', () => {
  new HostingTray(actions, 'linux');
  expect(tray().toolTip).toBe('WebRTC Desktop Host: Not hosting');
  expect(menu().labels()).toEqual([
    'Not hosting',
    'Show',
    'Stop hosting',
    'Open logs folder',
    'Copy diagnostics',
    'Quit',
  ]);
  expect(menu().find('Not hosting')?.enabled).toBe(false);
  expect(menu().find('Stop hosting')?.enabled).toBe(false);
});

it('follows each report: state and counts in the tooltip and menu, Stop hosting enabled while hosting', () => {
  const hostingTray = new HostingTray(actions, 'linux');
  hostingTray.show(report('live', 2, 1));
  expect(tray().toolTip).toBe('WebRTC Desktop Host: Hosting — 2 watching, 1 waiting');
  expect(menu().labels()[0]).toBe('Hosting — 2 watching, 1 waiting');
  expect(menu().find('Stop hosting')?.enabled).toBe(true);

  hostingTray.show(report('idle'));
  expect(tray().toolTip).toBe('WebRTC Desktop Host: Not hosting');
  expect(menu().find('Stop hosting')?.enabled).toBe(false);
});

it('runs the wired action for each item', () => {
  new HostingTray(actions, 'linux').show(report('live', 1));
  for (const label of ['Show', 'Stop hosting', 'Open logs folder', 'Copy diagnostics', 'Quit'])
    menu().find(label)!.click!();
  expect(actions.showWindow).toHaveBeenCalledTimes(1);
  expect(actions.requestStopHosting).toHaveBeenCalledTimes(1);
  expect(actions.openLogsFolder).toHaveBeenCalledTimes(1);
  expect(actions.copyDiagnostics).toHaveBeenCalledTimes(1);
  expect(actions.quit).toHaveBeenCalledTimes(1);
});

it('shows the window on a click of the icon on Windows and Linux; macOS opens the menu instead', () => {
  new HostingTray(actions, 'win32');
  tray().emit('click');
  expect(actions.showWindow).toHaveBeenCalledTimes(1);

  resetFakeElectron();
  new HostingTray(actions, 'darwin');
  tray().emit('click');
  expect(actions.showWindow).toHaveBeenCalledTimes(1);
});

it('uses an embedded PNG icon, high-DPI too, and a template image on macOS', () => {
  new HostingTray(actions, 'linux');
  expect(tray().image.isEmpty()).toBe(false);
  expect(tray().image.representations).toEqual([
    { scaleFactor: 2, dataURL: expect.stringMatching(/^data:image\/png;base64,/) },
  ]);
  expect(tray().image.template).toBe(false);
  resetFakeElectron();
  new HostingTray(actions, 'darwin');
  expect(tray().image.template).toBe(true);
});

it('ignores reports after the tray is destroyed (quitting)', () => {
  const hostingTray = new HostingTray(actions, 'linux');
  hostingTray.destroy();
  expect(() => hostingTray.show(report('live', 1))).not.toThrow();
  expect(tray().toolTip).toBe('WebRTC Desktop Host: Not hosting');
});
