// A join request raises a native notification only when it is new and the host cannot
// see the window; the choice made there goes to the renderer, never decided in main.
import type { HostingReport, ViewerDecision } from '../../preload/api-types';
import { JoinRequestNotifier, type JoinRequestNotifierOptions } from '../../main/join-request-notifier';
import { fake, Notification, resetFakeElectron } from '../support/fake-electron';

const ANA = { id: 'v1', name: 'Ana' };
const BO = { id: 'v2', name: 'Bo' };
const waitingFor = (...viewers: Array<{ id: string; name: string }>): HostingReport => ({
  status: 'live',
  watching: 1,
  waiting: viewers.length,
  waitingViewers: viewers,
});

let attended: boolean;
let decisions: ViewerDecision[];
let showWindow: jest.Mock;

function notifier(platform: NodeJS.Platform = 'darwin'): JoinRequestNotifier {
  const options: JoinRequestNotifierOptions = {
    isWindowAttended: () => attended,
    sendDecision: (d) => decisions.push(d),
    showWindow,
    platform,
  };
  return new JoinRequestNotifier(options);
}

beforeEach(() => {
  resetFakeElectron();
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
  attended = false;
  decisions = [];
  showWindow = jest.fn();
});
afterEach(() => jest.restoreAllMocks());

it('notifies a new join request while the window is hidden or unfocused', () => {
  notifier().update(waitingFor(ANA));
  expect(fake.notifications).toHaveLength(1);
  expect(fake.notifications[0]).toMatchObject({ shown: true, options: { title: 'Ana wants to watch your screen' } });
});

it('stays quiet while the host is looking at the window (the view flashes and chimes instead)', () => {
  attended = true;
  notifier().update(waitingFor(ANA));
  expect(fake.notifications).toEqual([]);
});

it('notifies each request once, not again on every report', () => {
  const joinRequests = notifier();
  joinRequests.update(waitingFor(ANA));
  joinRequests.update(waitingFor(ANA));
  joinRequests.update(waitingFor(ANA, BO));
  expect(fake.notifications.map((n) => n.options.title)).toEqual([
    'Ana wants to watch your screen',
    'Bo wants to watch your screen',
  ]);
});

it('does not notify, later, a request that arrived while the window was watched', () => {
  const joinRequests = notifier();
  attended = true;
  joinRequests.update(waitingFor(ANA));
  attended = false;
  joinRequests.update(waitingFor(ANA));
  expect(fake.notifications).toEqual([]);
});

it('sends Admit and Deny from the notification’s buttons to the renderer (macOS, Windows)', () => {
  const joinRequests = notifier('darwin');
  joinRequests.update(waitingFor(ANA, BO));
  const [forAna, forBo] = fake.notifications;
  expect(forAna?.options.actions).toEqual([
    { type: 'button', text: 'Admit' },
    { type: 'button', text: 'Deny' },
  ]);
  forAna!.pressAction(0);
  forBo!.pressAction(1);
  expect(decisions).toEqual([
    { id: 'v1', decision: 'admit' },
    { id: 'v2', decision: 'deny' },
  ]);
  expect(forAna!.closed).toBe(true);
});

it('offers no buttons on Linux: a click opens the window to decide there', () => {
  notifier('linux').update(waitingFor(ANA));
  const [notification] = fake.notifications;
  expect(notification?.options.actions).toEqual([]);
  notification!.click();
  expect(showWindow).toHaveBeenCalledTimes(1);
  expect(decisions).toEqual([]);
});

it('closes the notification once the request is answered in the window, and ignores a late click', () => {
  const joinRequests = notifier();
  joinRequests.update(waitingFor(ANA));
  const [notification] = fake.notifications;
  joinRequests.update(waitingFor());
  expect(notification!.closed).toBe(true);
  notification!.pressAction(0);
  expect(decisions).toEqual([]);
});

it('shows nothing where the system has no notifications', () => {
  Notification.supported = false;
  notifier().update(waitingFor(ANA));
  expect(fake.notifications).toEqual([]);
});

it('cleans a hostile name before showing it', () => {
  notifier().update(waitingFor({ id: 'v1', name: '\u202Eevil\u0007' }, { id: 'v2', name: '\u0000\u0001' }));
  expect(fake.notifications.map((n) => n.options.title)).toEqual([
    'evil wants to watch your screen',
    'Someone wants to watch your screen',
  ]);
});
