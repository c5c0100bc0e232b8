// Quality presets as a radio group, each with its one-line description.
import { useId } from 'preact/hooks';
import { PRESETS, type PresetId } from '../../host/presets';

export interface PresetPickerProps {
  readonly value: PresetId;
  readonly onChange: (id: PresetId) => void;
}

export function PresetPicker({ value, onChange }: PresetPickerProps) {
  const name = useId();
  return (
    <fieldset class="choice-group presets">
      <legend>Quality</legend>
      {PRESETS.map((preset) => {
        const descriptionId = `${name}-${preset.id}`;
        return (
          <label class="choice preset" key={preset.id}>
            <input
              type="radio"
              name={name}
              value={preset.id}
              checked={preset.id === value}
              aria-describedby={descriptionId}
              onChange={() => onChange(preset.id)}
            />
            <span class="choice-text">
              <span class="choice-label">{preset.label}</span>
              <span class="choice-description" id={descriptionId}>
                {preset.description}
              </span>
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
