// "Max viewers": applied when the field is committed (change), validated first.
import { useEffect, useId, useState } from 'preact/hooks';
import { MAX_VIEWERS, MIN_VIEWERS, parseMaxViewers } from '../host-options';

export interface MaxViewersFieldProps {
  readonly value: number;
  readonly onCommit: (count: number) => void;
}

export function MaxViewersField({ value, onCommit }: MaxViewersFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  const [error, setError] = useState<string | null>(null);

  // The limit can change elsewhere (or be clamped by the session): follow it.
  useEffect(() => {
    setDraft(String(value));
    setError(null);
  }, [value]);

  const commit = (text: string) => {
    const parsed = parseMaxViewers(text);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    if (parsed.value !== value) onCommit(parsed.value);
  };

  return (
    <div class="field max-viewers">
      <label for={id}>Max viewers</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={MIN_VIEWERS}
        max={MAX_VIEWERS}
        step={1}
        value={draft}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(event) => {
          setDraft(event.currentTarget.value);
          if (error && parseMaxViewers(event.currentTarget.value).ok) setError(null);
        }}
        onChange={(event) => commit(event.currentTarget.value)}
      />
      {error && (
        <p class="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
