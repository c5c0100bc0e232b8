// The join link and the viewer's name; Enter or the Join button submits.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { NAME_MAX_CHARS } from '../../../signaling/protocol';
import { linkFromParts } from '../join-link-parts';

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
      <TypedAddress onLink={onLink} />
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

/** For when there is no link to paste: the parts typed one by one fill the link in. */
function TypedAddress({ onLink }: { readonly onLink: (link: string) => void }) {
  const id = useId();
  const [parts, setParts] = useState({ address: '', port: '', code: '' });
  const [problem, setProblem] = useState<string | null>(null);
  const update = (change: Partial<typeof parts>) => {
    const next = { ...parts, ...change };
    setParts(next);
    const link = linkFromParts(next.address, next.port, next.code);
    setProblem(link.ok ? null : link.error);
    if (link.ok) onLink(link.value);
  };
  return (
    <details class="typed-address">
      <summary>No link? Type the address instead</summary>
      <div class="typed-address-fields">
        <div class="field">
          <label for={`${id}-address`}>Address</label>
          <input
            id={`${id}-address`}
            type="text"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="192.168.1.20"
            value={parts.address}
            onInput={(e) => update({ address: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for={`${id}-port`}>Port</label>
          <input
            id={`${id}-port`}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder="9470"
            value={parts.port}
            onInput={(e) => update({ port: e.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for={`${id}-code`}>Access code</label>
          <input
            id={`${id}-code`}
            class="mono"
            type="text"
            autoComplete="off"
            spellcheck={false}
            value={parts.code}
            onInput={(e) => update({ code: e.currentTarget.value })}
          />
        </div>
      </div>
      {problem && (parts.address || parts.port || parts.code) && <p class="field-note">{problem}</p>}
    </details>
  );
}
