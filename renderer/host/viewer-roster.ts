// The host's list of viewers as the views show it (HostState.viewers): one place that
// adds or replaces an entry, changes one, or takes one out.
import type { ViewerSummary } from '../../signaling/protocol';
import type { HostState, ViewerEntry } from '../app/app-state';

export class ViewerRoster {
  constructor(private readonly state: HostState) {}

  find(id: string): ViewerEntry | undefined {
    return this.state.viewers.value.find((v) => v.id === id);
  }

  get entries(): readonly ViewerEntry[] {
    return this.state.viewers.value;
  }

  /** Adds the viewer as new (at the end), replacing any entry with its id; verified once it signs something. */
  upsert(viewer: ViewerSummary, state: ViewerEntry['state']): void {
    this.state.viewers.value = [
      ...this.state.viewers.value.filter((v) => v.id !== viewer.id),
      {
        id: viewer.id,
        name: viewer.name,
        address: viewer.address,
        state,
        stats: null,
        received: null,
        bitrateHistory: [],
        verified: null,
        safetyCode: null,
        refusedSignals: 0,
      },
    ];
  }

  update(id: string, change: Partial<ViewerEntry>): void {
    this.state.viewers.value = this.state.viewers.value.map((v) => (v.id === id ? { ...v, ...change } : v));
  }

  /** Every entry through `change` at once (one update for the views per stats poll). */
  updateAll(change: (viewer: ViewerEntry) => ViewerEntry): void {
    this.state.viewers.value = this.state.viewers.value.map(change);
  }

  /** Takes the viewer out; its entry as it was, if there was one. */
  remove(id: string): ViewerEntry | undefined {
    const entry = this.find(id);
    this.state.viewers.value = this.state.viewers.value.filter((v) => v.id !== id);
    return entry;
  }

  /** Someone asks to join: the view flashes and chimes. */
  announceRequest(): void {
    this.state.joinRequests.value += 1;
  }

  clear(): void {
    this.state.viewers.value = [];
  }
}
