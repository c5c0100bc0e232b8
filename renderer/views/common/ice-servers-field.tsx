// STUN/TURN servers for viewers outside the LAN, stored on this device. Folded
// away: on a LAN nobody needs them.
import { useId, useState } from 'preact/hooks';
import { loadIceServersText, parseIceServers, saveIceServersText } from '../../app/ice-servers';

export function IceServersField() {
  const id = useId();
  const [text, setText] = useState(loadIceServersText);
  const [problem, setProblem] = useState<string | null>(null);
  const change = (next: string) => {
    setText(next);
    const parsed = parseIceServers(next);
    setProblem(parsed.ok ? null : parsed.error);
    if (parsed.ok) saveIceServersText(next);
  };
  return (
    <details class="ice-servers">
      <summary>Viewers outside this network (STUN/TURN servers)</summary>
      <div class="field">
        <label for={`${id}-servers`}>Servers, one a line</label>
        <textarea
          id={`${id}-servers`}
          class="mono"
          rows={3}
          spellcheck={false}
          placeholder={'stun:stun.example.org:3478\nturn:turn.example.org:3478 USERNAME PASSWORD'}
          value={text}
          aria-invalid={problem !== null}
          onInput={(event) => change(event.currentTarget.value)}
        />
        {problem ? (
          <p class="field-error" role="alert">
            {problem}
          </p>
        ) : (
          <p class="field-note">Used for new connections. Leave empty on a local network.</p>
        )}
      </div>
    </details>
  );
}
