// How media reaches viewers, chosen on this device: through the relay (the host
// encodes once) or direct (one connection and encoder per viewer). Hosting reads it
// when it starts; the connection card shows the mode actually in use.
import { useId, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import type { DeliveryPreference } from '../../app/delivery-preference';

const CHOICES: readonly { readonly mode: DeliveryPreference; readonly label: string }[] = [
  { mode: 'relay', label: 'Relay (encode once)' },
  { mode: 'direct', label: 'Direct (one encode per viewer)' },
];

export function DeliveryModeField({ hosting }: { readonly hosting: boolean }) {
  const id = useId();
  const { state, controls } = useApp();
  const mode = state.host.deliveryPreference.value;
  const [changedWhileHosting, setChangedWhileHosting] = useState(false);
  const change = (value: string) => {
    const next = CHOICES.find((choice) => choice.mode === value)?.mode;
    if (!next) return;
    controls.host.setDeliveryPreference(next);
    if (hosting) setChangedWhileHosting(true);
  };
  return (
    <div class="field">
      <label for={`${id}-delivery`}>Media delivery</label>
      <select id={`${id}-delivery`} value={mode} onChange={(event) => change(event.currentTarget.value)}>
        {CHOICES.map((choice) => (
          <option key={choice.mode} value={choice.mode}>
            {choice.label}
          </option>
        ))}
      </select>
      <p class="field-note">
        {changedWhileHosting && hosting
          ? 'Used from the next Start hosting.'
          : 'Relay saves the host\u2019s CPU with many viewers; direct skips the relay.'}
      </p>
    </div>
  );
}
