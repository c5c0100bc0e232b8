// A native notification when someone asks to watch while the host is not looking at
// the window (hidden in the tray, minimized, or behind another app). A choice made in
// the notification goes to the renderer, which admits or denies exactly as its own
// buttons do: main never decides who watches. Past a few requests a minute (a flood from
// someone with a sniffed token), further ones fold into one summary notification.
import { Notification } from 'electron';
import type { HostingReport, ViewerDecision, WaitingViewer } from '../preload/api-types';
import { sanitizeName } from '../signaling/protocol/names';
import { log } from './main-log';
import { APP_NAME } from './tray';

export interface JoinRequestNotifierOptions {
  /** Whether the user can see the window now: visible, not minimized, focused. */
  isWindowAttended(): boolean;
  sendDecision(decision: ViewerDecision): void;
  showWindow(): void;
  readonly platform?: NodeJS.Platform;
  /** The clock (tests). */
  readonly now?: () => number;
}

/** Requests notified one by one per FLOOD_WINDOW_MS; past that, one summary per window. */
export const INDIVIDUAL_NOTIFICATIONS_PER_WINDOW = 3;
export const FLOOD_WINDOW_MS = 60_000;

/** Action buttons exist on macOS and Windows; elsewhere a click opens the window instead. */
function supportsActions(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

const ADMIT = 0;

export class JoinRequestNotifier {
  /** Ids waiting in the last report: only an id not among them is a new request. */
  private waiting = new Set<string>();
  /** Held so Electron keeps delivering their events, and closed once the request is answered. */
  private readonly shown = new Map<string, Notification>();
  /** When each of the recent one-by-one notifications was shown. */
  private recent: number[] = [];
  /** Requests past the rate, not yet told in a summary. */
  private readonly folded = new Set<string>();
  private summary: Notification | null = null;
  private summaryAt = -Infinity;

  constructor(private readonly options: JoinRequestNotifierOptions) {}

  update(report: HostingReport): void {
    const previous = this.waiting;
    this.waiting = new Set(report.waitingViewers.map((viewer) => viewer.id));
    const fresh = report.waitingViewers.filter((viewer) => !previous.has(viewer.id));
    if (fresh.length > 0 && !this.options.isWindowAttended()) for (const viewer of fresh) this.notifyOrFold(viewer);
    // Answered in the window, gone, or hosting stopped: its notification is stale now.
    for (const [id, notification] of this.shown) if (!this.waiting.has(id)) this.dismiss(id, notification);
    for (const id of this.folded) if (!this.waiting.has(id)) this.folded.delete(id);
    if (this.waiting.size === 0) this.closeSummary();
    this.summarizeFolded();
  }

  private notifyOrFold(viewer: WaitingViewer): void {
    const now = this.now();
    this.recent = this.recent.filter((at) => now - at < FLOOD_WINDOW_MS);
    if (this.recent.length >= INDIVIDUAL_NOTIFICATIONS_PER_WINDOW) {
      this.folded.add(viewer.id);
      return;
    }
    this.recent.push(now);
    this.notify(viewer);
  }

  /** One summary for the folded requests, at most one per window; a newer one replaces the last. */
  private summarizeFolded(): void {
    if (this.folded.size === 0 || !Notification.isSupported()) return;
    const now = this.now();
    if (now - this.summaryAt < FLOOD_WINDOW_MS) return;
    this.summaryAt = now;
    this.folded.clear();
    this.closeSummary();
    const summary = new Notification({
      title: `${this.waiting.size} people want to watch your screen`,
      body: `More requests than usual. Open ${APP_NAME} to admit or deny them.`,
    });
    summary.on('click', () => this.options.showWindow());
    this.summary = summary;
    summary.show();
    log.info(`hosting: join requests summarised (${this.waiting.size} waiting)`);
  }

  private closeSummary(): void {
    this.summary?.close();
    this.summary = null;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private notify(viewer: WaitingViewer): void {
    if (!Notification.isSupported()) return;
    const platform = this.options.platform ?? process.platform;
    const withActions = supportsActions(platform);
    // The name comes from a stranger on the network: the protocol's rule again, in case.
    const name = sanitizeName(viewer.name) ?? 'Someone';
    const notification = new Notification({
      title: `${name} wants to watch your screen`,
      body: withActions ? `Admit or deny in ${APP_NAME}.` : `Click to open ${APP_NAME} and admit or deny.`,
      actions: withActions
        ? [
            { type: 'button', text: 'Admit' },
            { type: 'button', text: 'Deny' },
          ]
        : [],
    });
    notification.on('action', (details) => this.decide(viewer.id, details.actionIndex === ADMIT ? 'admit' : 'deny'));
    notification.on('click', () => this.options.showWindow());
    notification.on('close', () => {
      if (this.shown.get(viewer.id) === notification) this.shown.delete(viewer.id);
    });
    this.shown.set(viewer.id, notification);
    notification.show();
    log.info(`hosting: join request notified (viewer ${viewer.id})`);
  }

  private decide(id: string, decision: ViewerDecision['decision']): void {
    // Only while the request is still open: a late click must not act on a newer one.
    if (!this.waiting.has(id)) return;
    const notification = this.shown.get(id);
    if (notification) this.dismiss(id, notification);
    log.info(`hosting: ${decision} chosen in a notification (viewer ${id})`);
    this.options.sendDecision({ id, decision });
  }

  private dismiss(id: string, notification: Notification): void {
    this.shown.delete(id);
    notification.close();
  }
}
