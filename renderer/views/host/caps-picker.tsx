// The user's own limits on top of the preset: bitrate and frame rate.
import { useId } from 'preact/hooks';
import type { UserCaps } from '../../host/presets';
import { BITRATE_CAPS_BPS, capOptions, capValue, FRAMERATE_CAPS, withCap } from '../host-options';

export interface CapsPickerProps {
  readonly caps: UserCaps;
  readonly onChange: (caps: UserCaps) => void;
}

export function CapsPicker({ caps, onChange }: CapsPickerProps) {
  const id = useId();
  return (
    <div class="caps">
      <div class="field">
        <label for={`${id}-bitrate`}>Bitrate cap</label>
        <select
          id={`${id}-bitrate`}
          value={capValue(caps.maxBitrateBps)}
          onChange={(event) => onChange(withCap(caps, 'maxBitrateBps', event.currentTarget.value))}
        >
          {capOptions(BITRATE_CAPS_BPS, caps.maxBitrateBps, 'bps').map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-fps`}>Frame rate cap</label>
        <select
          id={`${id}-fps`}
          value={capValue(caps.maxFramerate)}
          onChange={(event) => onChange(withCap(caps, 'maxFramerate', event.currentTarget.value))}
        >
          {capOptions(FRAMERATE_CAPS, caps.maxFramerate, 'fps').map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
