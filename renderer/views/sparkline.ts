// Geometry of the bitrate sparkline: samples -> SVG polyline points. Pure.
import { MAX_HISTORY } from '../app/app-state';

export interface SparklineBox {
  readonly width: number;
  readonly height: number;
  /** How many samples span the full width; fewer are drawn right-aligned. */
  readonly samples?: number;
  /** Room kept above and below for the stroke. */
  readonly padding?: number;
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * Points for <polyline points>: the last `samples` values, newest at the right
 * edge, scaled so the largest fills the height (zero stays on the baseline).
 * Non-finite or negative values count as zero. Empty input gives "".
 */
export function sparklinePoints(values: readonly number[], box: SparklineBox): string {
  const samples = Math.max(2, Math.floor(box.samples ?? MAX_HISTORY));
  const padding = box.padding ?? 1;
  const recent = values.slice(-samples).map((v) => (Number.isFinite(v) && v > 0 ? v : 0));
  if (recent.length === 0) return '';
  const max = Math.max(...recent);
  const step = box.width / (samples - 1);
  const usable = Math.max(0, box.height - 2 * padding);
  const offset = samples - recent.length;
  const points = recent.map((value, i) => {
    const x = (offset + i) * step;
    const y = box.height - padding - (max > 0 ? (value / max) * usable : 0);
    return `${round(x)},${round(y)}`;
  });
  // One sample draws nothing as a polyline: stretch it into a short flat stroke.
  if (points.length === 1) points.unshift(`${round(Math.max(0, box.width - step))},${points[0]!.split(',')[1]}`);
  return points.join(' ');
}

/** The newest sample, or null. */
export function latestSample(values: readonly number[]): number | null {
  const last = values[values.length - 1];
  return typeof last === 'number' && Number.isFinite(last) ? last : null;
}
