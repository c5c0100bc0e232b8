// What "hosting" means to the desktop shell, in one place: the tray's words, whether
// Stop hosting is offered, and whether closing the window must keep the app running.
// The renderer is the host (its WebRTC connections are the viewers' streams); main only
// mirrors what the renderer last reported.
import type { HostingReport, HostingReportStatus } from '../preload/api-types';

export const IDLE_REPORT: HostingReport = { status: 'idle', watching: 0, waiting: 0, waitingViewers: [] };

/** Viewers can reach us (or soon will): closing the window now would cut them off. */
export function isHosting(status: HostingReportStatus): boolean {
  return status === 'starting' || status === 'ready' || status === 'live' || status === 'reconnecting';
}

/** "Hosting — 2 watching, 1 waiting" / "Not hosting": for the tray tooltip, menu and log. */
export function describeHosting(report: HostingReport): string {
  if (!isHosting(report.status)) return 'Not hosting';
  if (report.status === 'starting') return 'Starting to host…';
  const counts = `${report.watching} watching${report.waiting > 0 ? `, ${report.waiting} waiting` : ''}`;
  return report.status === 'reconnecting' ? `Hosting — reconnecting, ${counts}` : `Hosting — ${counts}`;
}
