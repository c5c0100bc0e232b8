// The join link and the viewer's name; Enter or the Join button submits.
import { useEffect, useId, useRef } from 'preact/hooks';
import { NAME_MAX_CHARS } from '../../../signaling/protocol';

export interface JoinFormProps {
  readonly link: string;
  readonly name: string;
  readonly linkError: string | null;
  readonly onLink: (link: string) => void;
  readonly onName: (name: string) => void;
  readonly onSubmit: () => void;
}

export function JoinForm({ link, name, linkError, onLink, onName, onSubmit }: JoinFormProps) {
  const id = useId();
  const linkField = useRef<HTMLInputElement>(null);
  const nameField = useRef<HTMLInputElement>(null);

  // Opened from a join link: the name is all that is missing.
  useEffect(() => {
    const first = !link ? linkField.current : !name ? nameField.current : null;
    first?.focus();
    // Only on first show: focus must not jump while the user types.
  }, []);

  return (
    <form
      class="card join-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <div class="field">
        <label for={`${id}-link`}>Join link</label>
        <input
          id={`${id}-link`}
          ref={linkField}
          class="mono"
          type="text"
          inputMode="url"
          autoComplete="off"
          spellcheck={false}
          placeholder="http://192.168.1.20:9470/join#t=…"
          value={link}
          aria-invalid={linkError !== null}
          aria-describedby={linkError ? `${id}-link-error` : undefined}
          onInput={(event) => onLink(event.currentTarget.value)}
        />
        {linkError && (
          <p class="field-error" id={`${id}-link-error`} role="alert">
            {linkError}
          </p>
        )}
      </div>
      <div class="field">
        <label for={`${id}-name`}>Your name</label>
        <input
          id={`${id}-name`}
          ref={nameField}
          type="text"
          autoComplete="nickname"
          maxLength={NAME_MAX_CHARS}
          value={name}
          onInput={(event) => onName(event.currentTarget.value)}
        />
        <p class="field-note">The host sees this name when you ask to join.</p>
      </div>
      <button type="submit" class="button primary large">
        Join
      </button>
    </form>
  );
}
