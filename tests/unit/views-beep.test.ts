import { BEEP_DURATION_MS, BEEP_FREQUENCY_HZ, playBeep } from '../../renderer/views/beep';

function fakeAudio(options: { state?: string; failOn?: 'construct' | 'oscillator' } = {}) {
  const log: string[] = [];
  const oscillators: { type: string; frequency: { value: number }; started?: number; stopped?: number }[] = [];
  class FakeAudioContext {
    currentTime = 10;
    state = options.state ?? 'running';
    destination = 'speakers';
    constructor() {
      if (options.failOn === 'construct') throw new Error('no audio device');
      log.push('construct');
    }
    resume() {
      log.push('resume');
      return Promise.resolve();
    }
    createOscillator() {
      if (options.failOn === 'oscillator') throw new Error('closed');
      const osc = {
        type: '',
        frequency: { value: 0 },
        started: undefined as number | undefined,
        stopped: undefined as number | undefined,
        connect: (node: unknown) => node,
        start(when?: number) {
          osc.started = when;
        },
        stop(when?: number) {
          osc.stopped = when;
        },
      };
      oscillators.push(osc);
      return osc;
    }
    createGain() {
      return {
        gain: { setValueAtTime: () => undefined, linearRampToValueAtTime: () => undefined },
        connect: (node: unknown) => node,
      };
    }
  }
  return { scope: { AudioContext: FakeAudioContext }, log, oscillators };
}

describe('playBeep', () => {
  it('plays 880 Hz for 150 ms', () => {
    const audio = fakeAudio();
    expect(playBeep(audio.scope)).toBe(true);
    expect(BEEP_FREQUENCY_HZ).toBe(880);
    expect(BEEP_DURATION_MS).toBe(150);
    expect(audio.oscillators).toHaveLength(1);
    expect(audio.oscillators[0]).toMatchObject({ frequency: { value: 880 }, started: 10 });
    expect(audio.oscillators[0]!.stopped).toBeCloseTo(10.15);
  });

  it('reuses one audio context and resumes a suspended one', () => {
    const audio = fakeAudio({ state: 'suspended' });
    playBeep(audio.scope);
    playBeep(audio.scope);
    expect(audio.log.filter((e) => e === 'construct')).toHaveLength(1);
    expect(audio.log.filter((e) => e === 'resume')).toHaveLength(2);
  });

  it('never throws: no WebAudio, or a broken one, just means no sound', () => {
    expect(playBeep({})).toBe(false);
    expect(playBeep(fakeAudio({ failOn: 'construct' }).scope)).toBe(false);
    expect(playBeep(fakeAudio({ failOn: 'oscillator' }).scope)).toBe(false);
  });

  it('finds the prefixed constructor of older Safari', () => {
    const audio = fakeAudio();
    expect(playBeep({ webkitAudioContext: audio.scope.AudioContext })).toBe(true);
  });
});
