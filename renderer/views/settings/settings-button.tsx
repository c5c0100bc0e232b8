// The header's Settings button: shows and hides the settings panel below the header.
export interface SettingsButtonProps {
  readonly open: boolean;
  readonly panelId: string;
  readonly onToggle: () => void;
}

export function SettingsButton({ open, panelId, onToggle }: SettingsButtonProps) {
  return (
    <button
      type="button"
      class="button small settings-button"
      aria-expanded={open}
      aria-controls={panelId}
      onClick={onToggle}
    >
      Settings
    </button>
  );
}
