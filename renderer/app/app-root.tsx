// The whole app: a header with the name, the Host / Join tabs where both views work
// (the desktop app; a browser page shows only the view its address is for) and
// Settings, then the view.
import { useState } from 'preact/hooks';
import type { View } from './app-state';
import { useApp } from './context';
import { HostView } from '../views/host/host-view';
import { JoinView } from '../views/join/join-view';
import { SettingsButton } from '../views/settings/settings-button';
import { SettingsPanel } from '../views/settings/settings-panel';

const TABS: readonly { view: View; label: string }[] = [
  { view: 'host', label: 'Host' },
  { view: 'join', label: 'Join' },
];

const SETTINGS_ID = 'settings';
const tabId = (view: View) => `tab-${view}`;
const panelId = (view: View) => `view-${view}`;

export function ViewTabs({ current, onChange }: { current: View; onChange: (view: View) => void }) {
  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex((tab) => tab.view === current);
    let next: number | null = null;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') next = (index + 1) % TABS.length;
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') next = (index - 1 + TABS.length) % TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = TABS.length - 1;
    if (next === null) return;
    event.preventDefault();
    const view = TABS[next]!.view;
    onChange(view);
    document.getElementById(tabId(view))?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label="View" onKeyDown={onKeyDown}>
      {TABS.map((tab) => {
        const selected = tab.view === current;
        return (
          <button
            key={tab.view}
            id={tabId(tab.view)}
            type="button"
            role="tab"
            class="tab"
            aria-selected={selected}
            aria-controls={panelId(tab.view)}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(tab.view)}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}

export interface AppRootProps {
  /** Both views in the desktop app; in a browser, only the one the page's address is for. */
  readonly views: readonly View[];
}

export function AppRoot({ views }: AppRootProps) {
  const { state } = useApp();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const view = state.view.value;
  const tabbed = views.length > 1;
  return (
    <div class="app">
      <header class="app-header">
        <h1>WebRTC Desktop Host</h1>
        <div class="app-header-end">
          {tabbed && <ViewTabs current={view} onChange={(next) => (state.view.value = next)} />}
          <SettingsButton open={settingsOpen} panelId={SETTINGS_ID} onToggle={() => setSettingsOpen(!settingsOpen)} />
        </div>
      </header>
      {settingsOpen && <SettingsPanel id={SETTINGS_ID} />}
      <div
        class="app-body"
        id={panelId(view)}
        role={tabbed ? 'tabpanel' : undefined}
        aria-labelledby={tabbed ? tabId(view) : undefined}
      >
        {view === 'host' ? <HostView /> : <JoinView />}
      </div>
    </div>
  );
}
