// A small line chart of recent bitrate samples, as inline SVG.
import { formatBitrate } from '../format';
import { latestSample, sparklinePoints } from '../sparkline';

export interface SparklineChartProps {
  readonly values: readonly number[];
  /** What is measured, for the accessible name: "Total bitrate". */
  readonly label: string;
  readonly width?: number;
  readonly height?: number;
  readonly class?: string;
}

export function SparklineChart({ values, label, width = 120, height = 28, class: className }: SparklineChartProps) {
  const current = latestSample(values);
  const points = sparklinePoints(values, { width, height, padding: 2 });
  return (
    <svg
      class={className ? `sparkline ${className}` : 'sparkline'}
      role="img"
      aria-label={`${label} over the last minute, now ${current === null ? 'unknown' : formatBitrate(current)}`}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      preserveAspectRatio="none"
      focusable="false"
    >
      <line class="sparkline-baseline" x1="0" y1={height - 1} x2={width} y2={height - 1} />
      {points && <polyline class="sparkline-line" points={points} fill="none" vector-effect="non-scaling-stroke" />}
    </svg>
  );
}
