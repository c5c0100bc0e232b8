// A join request raises a native notification only when it is new and the host cannot
// see the window; the choice made there goes to the renderer, never decided in main; a
// flood of requests becomes one summary.
import type { HostingReport, ViewerDecision } from '../../preload/api-types';
import {
  FLOOD_WINDOW_MS,
  INDIVIDUAL_NOTIFICATIONS_PER_WINDOW,
  JoinRequestNotifier,
  type JoinRequestNotifierOptions,
} from '../../main/join-request-notifier';
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

describe('a flood of join requests (someone with a sniffed token)', () => {
  const many = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({ id: `v${from + i}`, name: `Squatter ${from + i}` }));
  let clock: number;
  const floodNotifier = () =>
    new JoinRequestNotifier({
      isWindowAttended: () => attended,
      sendDecision: (d) => decisions.push(d),
      showWindow,
      platform: 'darwin',
      now: () => clock,
    });
  beforeEach(() => (clock = 1_000_000));

  it(`notifies the first ${INDIVIDUAL_NOTIFICATIONS_PER_WINDOW} one by one, then one summary instead of the rest`, () => {
    const joinRequests = floodNotifier();
    const viewers = many(1, 50);
    for (let n = 1; n <= viewers.length; n += 1) {
      joinRequests.update(waitingFor(...viewers.slice(0, n)));
      clock += 100;
    }
    const titles = fake.notifications.map((n) => n.options.title);
    expect(titles).toEqual([
      'Squatter 1 wants to watch your screen',
      'Squatter 2 wants to watch your screen',
      'Squatter 3 wants to watch your screen',
      '4 people want to watch your screen',
    ]);
    // The summary opens the window, where the host decides; it offers no Admit for people it does not name.
    const summary = fake.notifications[3]!;
    expect(summary.options.actions ?? []).toEqual([]);
    summary.click();
    expect(showWindow).toHaveBeenCalledTimes(1);
  });

  it('also folds requests that arrive in one report', () => {
    floodNotifier().update(waitingFor(...many(1, 20)));
    expect(fake.notifications).toHaveLength(INDIVIDUAL_NOTIFICATIONS_PER_WINDOW + 1);
    expect(fake.notifications.at(-1)!.options.title).toBe('20 people want to watch your screen');
  });

  it('gives one new summary per window while the flood goes on, replacing the last', () => {
    const joinRequests = floodNotifier();
    const viewers = many(1, 200);
    for (let n = 1; n <= viewers.length; n += 1) {
      joinRequests.update(waitingFor(...viewers.slice(0, n)));
      clock += 1_000; // 200 requests over 200 s
    }
    const summaries = fake.notifications.filter((n) => / people want/.test(n.options.title ?? ''));
    expect(summaries.length).toBeLessThanOrEqual(Math.ceil(200_000 / FLOOD_WINDOW_MS) + 1);
    expect(summaries.slice(0, -1).every((n) => n.closed)).toBe(true);
    // Individual notifications stay within the rate too.
    expect(fake.notifications.length - summaries.length).toBeLessThanOrEqual(
      INDIVIDUAL_NOTIFICATIONS_PER_WINDOW * Math.ceil(200_000 / FLOOD_WINDOW_MS),
    );
  });

  it('closes the summary once nobody is waiting, and notifies one by one again after a quiet minute', () => {
    const joinRequests = floodNotifier();
    joinRequests.update(waitingFor(...many(1, 10)));
    const summary = fake.notifications.at(-1)!;
    joinRequests.update(waitingFor());
    expect(summary.closed).toBe(true);
    clock += FLOOD_WINDOW_MS;
    joinRequests.update(waitingFor(ANA));
    expect(fake.notifications.at(-1)!.options.title).toBe('Ana wants to watch your screen');
  });
});
