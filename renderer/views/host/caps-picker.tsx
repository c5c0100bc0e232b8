// The user's own limits on top of the preset: bitrate and frame rate.
import { useId } from 'preact/hooks';
import type { UserCaps } from '../../host/presets';
import { BITRATE_CAPS_BPS, capOptions, capValue, FRAMERATE_CAPS, withCap } from '../host-options';

export interface CapsPickerProps {
  readonly caps: UserCaps;
  readonly onChange: (caps: UserCaps) => void;
}

interface CapSelectProps extends CapsPickerProps {
  readonly id: string;
  readonly label: string;
  readonly field: keyof UserCaps;
  readonly choices: Parameters<typeof capOptions>[0];
  readonly unit: Parameters<typeof capOptions>[2];
}

/** One cap: a select of "No cap" and the usual values (plus the current one, if unusual). */
function CapSelect({ id, label, field, choices, unit, caps, onChange }: CapSelectProps) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select
        id={id}
        value={capValue(caps[field])}
        onChange={(event) => onChange(withCap(caps, field, event.currentTarget.value))}
      >
        {capOptions(choices, caps[field], unit).map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CapsPicker({ caps, onChange }: CapsPickerProps) {
  const id = useId();
  return (
    <div class="caps">
      <CapSelect
        id={`${id}-bitrate`}
        label="Bitrate cap"
        field="maxBitrateBps"
        choices={BITRATE_CAPS_BPS}
        unit="bps"
        caps={caps}
        onChange={onChange}
      />
      <CapSelect
        id={`${id}-fps`}
        label="Frame rate cap"
        field="maxFramerate"
        choices={FRAMERATE_CAPS}
        unit="fps"
        caps={caps}
        onChange={onChange}
      />
    </div>
  );
}
