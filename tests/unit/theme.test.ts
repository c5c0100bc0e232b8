import { applyTheme, loadTheme, saveTheme } from '../../renderer/app/theme';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

describe('the colour theme setting', () => {
  it('follows the system until the user picks one, and remembers the pick', () => {
    const storage = memoryStorage();
    expect(loadTheme(storage)).toBe('system');
    saveTheme('dark', storage);
    expect(loadTheme(storage)).toBe('dark');
  });

  it('reads anything else stored under its key as "system"', () => {
    const storage = memoryStorage();
    storage.setItem('webrtc-desktop-host.theme', '<script>');
    expect(loadTheme(storage)).toBe('system');
  });

  it('sets data-theme for light and dark and removes it for the system theme', () => {
    const root = { dataset: {} as Record<string, string> } as unknown as HTMLElement;
    applyTheme('light', root);
    expect(root.dataset.theme).toBe('light');
    applyTheme('system', root);
    expect(root.dataset.theme).toBeUndefined();
  });
});
