// The one place for settings that are not part of hosting or joining itself: the colour
// theme, and the STUN/TURN servers for viewers outside this network.
import { useId, useState } from 'preact/hooks';
import { applyTheme, loadTheme, saveTheme, THEMES, type Theme } from '../../app/theme';
import { IceServersField } from '../common/ice-servers-field';

const THEME_LABELS: Record<Theme, string> = { system: 'Same as the system', light: 'Light', dark: 'Dark' };

export function SettingsPanel({ id }: { readonly id: string }) {
  return (
    <section id={id} class="settings-panel card" aria-label="Settings">
      <ThemeChoice />
      <IceServersField />
    </section>
  );
}

function ThemeChoice() {
  const name = useId();
  const [theme, setTheme] = useState(loadTheme);
  const choose = (next: Theme) => {
    setTheme(next);
    saveTheme(next);
    applyTheme(next);
  };
  return (
    <fieldset class="theme-choice">
      <legend>Theme</legend>
      {THEMES.map((option) => (
        <label key={option} class="check">
          <input type="radio" name={name} value={option} checked={theme === option} onChange={() => choose(option)} />
          {THEME_LABELS[option]}
        </label>
      ))}
    </fieldset>
  );
}
