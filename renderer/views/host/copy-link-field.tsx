// The chosen join link in a read-only field, with a Copy link button.
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { copyText } from '../clipboard';

export interface CopyLinkFieldProps {
  readonly link: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

export function CopyLinkField({ link }: CopyLinkFieldProps) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  useEffect(() => {
    setCopy('idle');
  }, [link]);
  useEffect(() => {
    if (copy === 'idle') return undefined;
    const timer = setTimeout(() => setCopy('idle'), 2500);
    return () => clearTimeout(timer);
  }, [copy]);

  const onCopy = async () => {
    setCopy((await copyText(link, field.current)) ? 'copied' : 'failed');
  };

  return (
    <div class="field">
      <label for={id}>Link to share</label>
      <div class="input-row">
        <input
          id={id}
          ref={field}
          class="mono"
          type="text"
          readOnly
          value={link}
          spellcheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" class="button" onClick={() => void onCopy()}>
          Copy link
        </button>
      </div>
      <p class="field-note" role="status">
        {copy === 'copied'
          ? 'Copied'
          : copy === 'failed'
            ? 'Could not copy. Select the link and copy it yourself.'
            : ''}
      </p>
    </div>
  );
}
