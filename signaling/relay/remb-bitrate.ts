// REMB carries a bitrate as an 18-bit mantissa and a 6-bit exponent
// (draft-alvestrand-rmcat-remb); werift serialises those two fields, not `bitrate`.

export function rembBitrate(bps: number): { brExp: number; brMantissa: number; bitrate: bigint } {
  let mantissa = Math.max(0, Math.floor(bps));
  let exp = 0;
  while (mantissa >= 1 << 18) {
    mantissa = Math.floor(mantissa / 2);
    exp += 1;
  }
  return { brExp: exp, brMantissa: mantissa, bitrate: BigInt(mantissa) << BigInt(exp) };
}
