// A native notification when someone asks to watch while the host is not looking at
// the window (hidden in the tray, minimized, or behind another app). A choice made in
// the notification goes to the renderer, which admits or denies exactly as its own
// buttons do: main never decides who watches.
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
}

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

  constructor(private readonly options: JoinRequestNotifierOptions) {}

  update(report: HostingReport): void {
    const previous = this.waiting;
    this.waiting = new Set(report.waitingViewers.map((viewer) => viewer.id));
    const fresh = report.waitingViewers.filter((viewer) => !previous.has(viewer.id));
    if (fresh.length > 0 && !this.options.isWindowAttended()) for (const viewer of fresh) this.notify(viewer);
    // Answered in the window, gone, or hosting stopped: its notification is stale now.
    for (const [id, notification] of this.shown) if (!this.waiting.has(id)) this.dismiss(id, notification);
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
