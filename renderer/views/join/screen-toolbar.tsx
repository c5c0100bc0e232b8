// The buttons above the shared screen: size, stats, sound (mute and volume),
// picture-in-picture and fullscreen. Only what this browser can do is offered.
import type { Toggle } from './screen-hooks';

export interface SoundControls {
  readonly muted: boolean;
  readonly volume: number;
  readonly onToggleMute: () => void;
  readonly onVolume: (volume: number) => void;
}

export interface ScreenToolbarProps {
  readonly fit: 'fit' | 'actual';
  readonly showStats: boolean;
  readonly onToggleFit: () => void;
  readonly onToggleStats: () => void;
  /** Null while the stream has no sound. */
  readonly sound: SoundControls | null;
  readonly pictureInPicture: Toggle;
  readonly fullscreen: Toggle;
}

export function ScreenToolbar(props: ScreenToolbarProps) {
  const { sound, pictureInPicture, fullscreen } = props;
  return (
    <div class="screen-toolbar" role="toolbar" aria-label="Picture">
      <button type="button" class="button small" onClick={props.onToggleFit}>
        {props.fit === 'fit' ? 'Actual size' : 'Fit to window'}
      </button>
      <button type="button" class="button small" onClick={props.onToggleStats} aria-expanded={props.showStats}>
        {props.showStats ? 'Hide stats' : 'Show stats'}
      </button>
      {sound && (
        <span class="sound-controls">
          <button
            type="button"
            class="button small"
            onClick={sound.onToggleMute}
            aria-keyshortcuts="M"
            title="Mute or unmute (M)"
          >
            {sound.muted ? 'Unmute' : 'Mute'}
          </button>
          <input
            type="range"
            class="volume"
            min={0}
            max={1}
            step={0.05}
            value={sound.volume}
            aria-label="Volume"
            onInput={(event) => sound.onVolume(Number((event.currentTarget as HTMLInputElement).value))}
          />
        </span>
      )}
      {pictureInPicture.supported && (
        <button
          type="button"
          class="button small"
          onClick={pictureInPicture.toggle}
          aria-pressed={pictureInPicture.active}
        >
          Picture in picture
        </button>
      )}
      {fullscreen.supported && (
        <button
          type="button"
          class="button small"
          onClick={fullscreen.toggle}
          aria-keyshortcuts="F"
          title="Fullscreen (F; Esc leaves it)"
        >
          {fullscreen.active ? 'Exit fullscreen' : 'Fullscreen'}
        </button>
      )}
    </div>
  );
}
