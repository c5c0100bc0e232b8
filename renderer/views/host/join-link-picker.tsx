// Which of this computer's addresses goes into the join link (a laptop can be on
// Wi-Fi, Ethernet and a VPN at once; viewers need the one they share).
import { useId } from 'preact/hooks';
import { linkAddress } from '../host-options';

export interface JoinLinkPickerProps {
  readonly urls: readonly string[];
  readonly chosen: string | null;
  readonly onChoose: (url: string) => void;
}

export function JoinLinkPicker({ urls, chosen, onChoose }: JoinLinkPickerProps) {
  const name = useId();
  if (urls.length < 2) return null;
  return (
    <fieldset class="choice-group address-picker">
      <legend>Address viewers use</legend>
      {urls.map((url) => (
        <label class="choice" key={url}>
          <input type="radio" name={name} value={url} checked={url === chosen} onChange={() => onChoose(url)} />
          <span class="mono">{linkAddress(url)}</span>
        </label>
      ))}
    </fieldset>
  );
}
