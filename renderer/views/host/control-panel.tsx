// How the stream is sent: pause, quality preset, caps, audio, who may come in.
import type { HostingStatus } from '../../app/app-state';
import { useApp } from '../../app/context';
import type { PresetId, UserCaps } from '../../host/presets';
import { reportErrors } from '../common/report-errors';
import { canPause } from '../host-options';
import { CapsPicker } from './caps-picker';
import { DeliveryModeField } from './delivery-mode-field';
import { MaxViewersField } from './max-viewers-field';
import { PresetPicker } from './preset-picker';
import { RecordControl } from './record-control';

export interface ControlPanelViewProps {
  readonly status: HostingStatus;
  readonly paused: boolean;
  readonly presetId: PresetId;
  readonly caps: UserCaps;
  readonly systemAudio: boolean;
  /** Why sound cannot be shared here; null when it can. */
  readonly systemAudioUnavailable?: string | null;
  readonly requireApproval: boolean;
  readonly onlyVerified: boolean;
  readonly maxViewers: number;
  readonly onPause: (paused: boolean) => void;
  readonly onPreset: (id: PresetId) => void;
  readonly onCaps: (caps: UserCaps) => void;
  readonly onSystemAudio: (on: boolean) => void;
  readonly onRequireApproval: (on: boolean) => void;
  readonly onOnlyVerified: (on: boolean) => void;
  readonly onMaxViewers: (count: number) => void;
}

export function ControlPanelView(props: ControlPanelViewProps) {
  const { status, paused } = props;
  return (
    <section class="card control-panel" aria-labelledby="controls-title">
      <div class="card-title-row">
        <h2 id="controls-title">Controls</h2>
        <button
          type="button"
          class={paused ? 'button primary' : 'button'}
          onClick={() => props.onPause(!paused)}
          disabled={!canPause(status)}
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
      </div>
      {paused && <p class="notice">Paused: viewers keep their place but see no new picture.</p>}
      <RecordControl />
      <PresetPicker value={props.presetId} onChange={props.onPreset} />
      <CapsPicker caps={props.caps} onChange={props.onCaps} />
      <div class="checks">
        <label class="check">
          <input
            type="checkbox"
            checked={props.systemAudio}
            disabled={Boolean(props.systemAudioUnavailable)}
            onChange={(event) => props.onSystemAudio(event.currentTarget.checked)}
          />
          Share system audio
        </label>
        {props.systemAudioUnavailable && <p class="field-note">{props.systemAudioUnavailable}</p>}
        <label class="check">
          <input
            type="checkbox"
            checked={props.requireApproval}
            onChange={(event) => props.onRequireApproval(event.currentTarget.checked)}
          />
          Ask before letting viewers in
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={props.onlyVerified}
            onChange={(event) => props.onOnlyVerified(event.currentTarget.checked)}
          />
          Only verified viewers
        </label>
        <p class="field-note">
          Verified viewers joined with the whole link shown here, security key (“&k=”) included; their connection is
          checked end to end.
        </p>
      </div>
      <MaxViewersField value={props.maxViewers} onCommit={props.onMaxViewers} />
      <DeliveryModeField hosting={props.status !== 'idle'} />
    </section>
  );
}

export function ControlPanel() {
  const { state, controls } = useApp();
  const { host } = state;
  const report = (task: () => Promise<void>) => reportErrors(task, host.error);
  return (
    <ControlPanelView
      status={host.status.value}
      paused={host.paused.value}
      presetId={host.presetId.value}
      caps={host.caps.value}
      systemAudio={host.systemAudio.value}
      systemAudioUnavailable={host.systemAudioUnavailable.value}
      requireApproval={host.requireApproval.value}
      onlyVerified={host.onlyVerified.value}
      maxViewers={host.maxViewers.value}
      onPause={(paused) => controls.host.setPaused(paused)}
      onPreset={(id) => report(() => controls.host.setPreset(id))}
      onCaps={(caps) => report(() => controls.host.setCaps(caps))}
      onSystemAudio={(on) => report(() => controls.host.setSystemAudio(on))}
      onRequireApproval={(on) => controls.host.setRequireApproval(on)}
      onOnlyVerified={(on) => controls.host.setOnlyVerified(on)}
      onMaxViewers={(count) => controls.host.setMaxViewers(count)}
    />
  );
}
