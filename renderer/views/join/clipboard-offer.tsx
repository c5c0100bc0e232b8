// Desktop: a join link was on the clipboard when the app opened. Offer it, never use it unasked.
export interface ClipboardOfferProps {
  readonly link: string;
  readonly onUse: (link: string) => void;
  readonly onDismiss: () => void;
}

export function ClipboardOffer({ link, onUse, onDismiss }: ClipboardOfferProps) {
  return (
    <div class="card clipboard-offer" role="status">
      <p>
        You copied a join link: <span class="mono">{link}</span>
      </p>
      <div class="clipboard-offer-actions">
        <button type="button" class="button primary" onClick={() => onUse(link)}>
          Use copied link
        </button>
        <button type="button" class="button subtle" onClick={onDismiss}>
          Not now
        </button>
      </div>
    </div>
  );
}
