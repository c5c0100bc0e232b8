// A QR code as inline SVG: dark modules on a white square, whatever the theme,
// so phones scan it in dark mode too. The encoder loads on first use, as its own
// chunk: only the Host view shows a QR code, so viewers never download it.
import { useEffect, useState } from 'preact/hooks';
import type { QrPath } from '../qr-path';

let encoder: Promise<(text: string) => QrPath | null> | null = null;
const loadEncoder = () => (encoder ??= import('../qr-path').then((module) => module.qrPath));

export interface QrCodeProps {
  readonly text: string;
  /** Rendered size in CSS pixels (the SVG scales cleanly to any size). */
  readonly size?: number;
}

export function QrCode({ text, size = 160 }: QrCodeProps) {
  const [encoded, setEncoded] = useState<{ text: string; qr: QrPath | null } | null>(null);
  useEffect(() => {
    let current = true;
    void loadEncoder().then((encode) => current && setEncoded({ text, qr: encode(text) }));
    return () => {
      current = false;
    };
  }, [text]);
  // Until the encoder is here (a few ms on loopback), an empty square of the same size.
  if (encoded?.text !== text) return <svg class="qr-code" width={size} height={size} aria-hidden="true" />;
  const { qr } = encoded;
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
