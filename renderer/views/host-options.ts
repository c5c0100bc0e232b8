// Choices and input rules of the host's control panel and connection info. Pure.
import { MAX_VIEWERS_LIMIT } from '../../signaling/protocol';
import type { HostingStatus } from '../app/app-state';
import type { UserCaps } from '../host/presets';
import { formatBitrate } from './format';

export interface CapOption {
  /** The <option value>: the number as a string, "0" = no cap. */
  readonly value: string;
  readonly label: string;
}

export const BITRATE_CAPS_BPS: readonly number[] = [0, 1_000_000, 2_500_000, 5_000_000, 8_000_000];
export const FRAMERATE_CAPS: readonly number[] = [0, 60, 30, 15, 5];

const capLabel = (value: number, unit: 'bps' | 'fps') =>
  value <= 0 ? 'No cap' : unit === 'bps' ? formatBitrate(value) : `${value} fps`;

/** Options for a cap <select>; a current value that is not a standard choice is kept as an extra option. */
export function capOptions(choices: readonly number[], current: number | undefined, unit: 'bps' | 'fps'): CapOption[] {
  const values = [...choices];
  if (current && current > 0 && !values.includes(current)) values.push(current);
  return values.map((value) => ({ value: String(value), label: capLabel(value, unit) }));
}

/** The <select> value for a cap: "0" when there is none. */
export function capValue(current: number | undefined): string {
  return current && current > 0 ? String(current) : '0';
}

/** Caps with one of them changed from a <select> value ("0" removes that cap). */
export function withCap(caps: UserCaps, key: keyof UserCaps, selectValue: string): UserCaps {
  const value = Number(selectValue);
  const next: { maxBitrateBps?: number; maxFramerate?: number } = { ...caps };
  if (Number.isFinite(value) && value > 0) next[key] = value;
  else delete next[key];
  return next;
}

export const MIN_VIEWERS = 1;
/** The protocol's cap on `configure.maxViewers`. */
export const MAX_VIEWERS = MAX_VIEWERS_LIMIT;

export type MaxViewersInput =
  { readonly ok: true; readonly value: number } | { readonly ok: false; readonly error: string };

/** Validates the "Max viewers" field: a whole number from 1 to 1000. */
export function parseMaxViewers(text: string): MaxViewersInput {
  const trimmed = text.trim();
  const error = `Enter a whole number from ${MIN_VIEWERS} to ${MAX_VIEWERS}.`;
  if (!/^\d+$/.test(trimmed)) return { ok: false, error };
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value) || value < MIN_VIEWERS || value > MAX_VIEWERS) return { ok: false, error };
  return { ok: true, value };
}

/** The link to show: the user's pick if it is still offered, else the first (most likely) one. */
export function effectiveJoinUrl(urls: readonly string[], chosen: string | null): string | null {
  if (chosen !== null && urls.includes(chosen)) return chosen;
  return urls[0] ?? chosen ?? null;
}

/** "192.168.1.20:9470" out of a join link, for choosing between addresses. */
export function linkAddress(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/**
 * Start is offered until something is shared; Stop hosting once it is (or on the
 * way). Connected but not sharing yet ('ready'), Disconnect ends the connection.
 */
export function hostingButtons(status: HostingStatus): {
  readonly start: boolean;
  readonly stop: boolean;
  readonly disconnect: boolean;
} {
  return {
    start: status === 'idle' || status === 'ready',
    stop: status !== 'idle' && status !== 'ready',
    disconnect: status === 'ready',
  };
}

/** Pause makes sense once connected; not while nothing is running or it is shutting down. */
export function canPause(status: HostingStatus): boolean {
  return status !== 'idle' && status !== 'starting' && status !== 'stopping';
}
