// The relay's hole counter for RTP sequence numbers: wrap-around, retransmissions, resets.
import { SequenceGaps } from '../../signaling/relay/sequence-gaps';

it('counts holes and the numbers they skip, across the 16-bit wrap', () => {
  const seen = new SequenceGaps();
  for (const seq of [65533, 65534, 65535, 0, 1, 4, 5, 9]) seen.see(seq);
  expect({ gaps: seen.gaps, missing: seen.missing, late: seen.late }).toEqual({ gaps: 2, missing: 5, late: 0 });
});

it('counts a retransmitted or repeated packet as late, not as a hole', () => {
  const seen = new SequenceGaps();
  for (const seq of [100, 101, 103, 102, 103, 104]) seen.see(seq);
  expect({ gaps: seen.gaps, missing: seen.missing, late: seen.late }).toEqual({ gaps: 1, missing: 1, late: 2 });
});

it('starts over after reset (a new source numbers its packets afresh)', () => {
  const seen = new SequenceGaps();
  seen.see(10);
  seen.reset();
  seen.see(50_000);
  seen.see(50_001);
  expect({ gaps: seen.gaps, missing: seen.missing, late: seen.late }).toEqual({ gaps: 0, missing: 0, late: 0 });
});
