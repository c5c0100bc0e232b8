// A QR code as inline SVG: dark modules on a white square, whatever the theme,
// so phones scan it in dark mode too.
import { useMemo } from 'preact/hooks';
import { qrPath } from '../qr-path';

export interface QrCodeProps {
  readonly text: string;
  /** Rendered size in CSS pixels (the SVG scales cleanly to any size). */
  readonly size?: number;
}

export function QrCode({ text, size = 160 }: QrCodeProps) {
  const qr = useMemo(() => qrPath(text), [text]);
  if (!qr) return <p class="qr-missing">This link is too long for a QR code. Copy it instead.</p>;
  return (
    <svg
      class="qr-code"
      role="img"
      aria-label="QR code of the join link"
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      width={size}
      height={size}
      shape-rendering="crispEdges"
      focusable="false"
    >
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.d} fill="#000" />
    </svg>
  );
}
