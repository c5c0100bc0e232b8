// Delivery (renderer/host/delivery.ts) runs one strategy at a time and owns the inputs: when a strategy fails, the
// next one is given the settings, paused, the tracks and then every admitted viewer, each awaited, in that order;
// the UI hears the mode; nothing from the failed strategy gets through any more.
import type { SignalPayload } from '../../signaling/protocol';
import { Delivery } from '../../renderer/host/delivery';
import type { DeliveryMode, DeliveryStrategy, StrategyContext } from '../../renderer/host/delivery-strategy';
import type { SenderSettings } from '../../renderer/host/presets';
import type { Tracks } from '../../renderer/host/send-only-connection';

const settings = { maxBitrate: 1_000_000, contentHint: 'detail' } as unknown as SenderSettings;
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** Records every call, in order; its async calls take a little while, as the browser's do. */
class RecordingStrategy implements DeliveryStrategy {
  readonly calls: string[] = [];
  closed = false;
  constructor(
    readonly mode: DeliveryMode,
    readonly context: StrategyContext,
    private readonly log: string[],
  ) {}
  private note(call: string) {
    this.calls.push(call);
    this.log.push(`${this.mode}.${call}`);
  }
  addViewer(id: string) {
    this.note(`addViewer ${id}`);
  }
  suspend(id: string) {
    this.note(`suspend ${id}`);
  }
  rebind(formerId: string, id: string) {
    this.note(`rebind ${formerId} ${id}`);
    return true;
  }
  removeViewer(id: string) {
    this.note(`removeViewer ${id}`);
  }
  async handleSignal(id: string) {
    this.note(`handleSignal ${id}`);
  }
  async setTracks(tracks: Tracks) {
    await tick();
    this.note(`setTracks ${tracks.video ? 'video' : 'none'}`);
  }
  async applySettings() {
    await tick();
    this.note('applySettings');
  }
  async setPaused(paused: boolean) {
    await tick();
    this.note(`setPaused ${paused}`);
  }
  async collectStats() {
    return new Map();
  }
  uplink() {
    return null;
  }
  close() {
    this.closed = true;
    this.note('close');
  }
}

function setUp(log: string[] = []) {
  const strategies: RecordingStrategy[] = [];
  const modes: Array<DeliveryMode | null> = [];
  const problems: string[] = [];
  const sent: Array<[string, SignalPayload]> = [];
  const make = (mode: DeliveryMode, readyAtOnce: boolean) => (context: StrategyContext) => {
    const strategy = new RecordingStrategy(mode, context, log);
    strategies.push(strategy);
    if (readyAtOnce) context.ready();
    return strategy;
  };
  const delivery = new Delivery((id, data) => sent.push([id, data]), [make('relay', false), make('direct', true)], {
    onMode: (mode) => modes.push(mode),
    onProblem: (message) => problems.push(message),
  });
  return { delivery, strategies, modes, problems, sent, log };
}

const videoTrack = { contentHint: '' } as unknown as MediaStreamTrack;
const stream = { getVideoTracks: () => [videoTrack], getAudioTracks: () => [] } as unknown as MediaStream;

describe('Delivery', () => {
  it('tells the UI the mode once the strategy is ready, and again after a fallback', async () => {
    const { delivery, strategies, modes } = setUp();
    expect(modes).toEqual([null]);
    strategies[0]!.context.ready();
    expect(modes).toEqual([null, 'relay']);
    strategies[0]!.context.fail('gone');
    await delivery.settled();
    await tick();
    expect(modes).toEqual([null, 'relay', null, 'direct']);
  });

  it('replays settings, paused, tracks, then each viewer (the suspended one suspended) into the fallback, in order', async () => {
    const { delivery, strategies, sent } = setUp();
    const [relay] = strategies;
    await delivery.setSource(stream);
    await delivery.applySettings(settings);
    delivery.addViewer('a');
    delivery.addViewer('b');
    delivery.addViewer('c');
    delivery.suspend('b');
    delivery.removeViewer('c');
    await delivery.setPaused(true);
    sent.length = 0;

    relay!.context.fail('gone');
    await new Promise((resolve) => queueMicrotask(() => resolve(undefined)));
    await delivery.settled();
    const direct = strategies[1]!;
    expect(relay!.closed).toBe(true);
    expect(direct.calls).toEqual([
      'applySettings',
      'setPaused true',
      'setTracks video',
      'addViewer a',
      'addViewer b',
      'suspend b',
    ]);
    // Paused: each viewer placed on the new strategy is told so again.
    expect(sent).toEqual([
      ['a', { control: { paused: true } }],
      ['b', { control: { paused: true } }],
    ]);
  });

  it('lets no input change overtake the replay', async () => {
    const log: string[] = [];
    const { delivery, strategies } = setUp(log);
    await delivery.setSource(stream);
    await delivery.applySettings(settings);
    delivery.addViewer('a');
    strategies[0]!.context.fail('gone');
    await new Promise((resolve) => queueMicrotask(() => resolve(undefined)));
    const resumed = delivery.setPaused(false); // while the replay runs
    await resumed;
    expect(log.filter((entry) => entry.startsWith('direct.'))).toEqual([
      'direct.applySettings',
      'direct.setTracks video',
      'direct.addViewer a',
      'direct.setPaused false',
    ]);
  });

  it('ignores what a failed strategy still says, and a second failure report', async () => {
    const { delivery, strategies, sent, problems } = setUp();
    const relay = strategies[0]!;
    relay.context.fail('gone');
    relay.context.fail('gone again');
    await new Promise((resolve) => queueMicrotask(() => resolve(undefined)));
    await delivery.settled();
    relay.context.send('a', { rejoin: 'x' });
    relay.context.problem('late');
    relay.context.fail('late');
    await new Promise((resolve) => queueMicrotask(() => resolve(undefined)));
    expect(strategies).toHaveLength(2);
    expect(sent).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('passes a strategy’s problem on to the host', () => {
    const { strategies, problems } = setUp();
    strategies[0]!.context.problem('unknown peer');
    expect(problems).toEqual(['unknown peer']);
  });

  it('keeps the last strategy when it fails: there is nothing to hand over to', async () => {
    const { delivery, strategies } = setUp();
    strategies[0]!.context.fail('gone');
    await new Promise((resolve) => queueMicrotask(() => resolve(undefined)));
    await delivery.settled();
    strategies[1]!.context.fail('gone');
    await new Promise((resolve) => queueMicrotask(() => resolve(undefined)));
    expect(strategies).toHaveLength(2);
    expect(strategies[1]!.closed).toBe(false);
  });

  it('moves a rebound viewer to its new id, so a later fallback replays the new id', async () => {
    const { delivery, strategies } = setUp();
    delivery.addViewer('old');
    delivery.suspend('old');
    expect(delivery.rebind('old', 'new')).toBe(true);
    expect(delivery.rebind('nobody', 'x')).toBe(false);
    strategies[0]!.context.fail('gone');
    await new Promise((resolve) => queueMicrotask(() => resolve(undefined)));
    await delivery.settled();
    expect(strategies[1]!.calls).toEqual(['addViewer new']);
  });
});

describe('telling viewers about recording', () => {
  it('tells every viewer when recording starts and stops, with paused beside it, and a viewer admitted meanwhile', async () => {
    const { delivery, sent } = setUp();
    delivery.addViewer('a');
    sent.length = 0;
    delivery.setRecording(true);
    expect(sent).toEqual([['a', { control: { paused: false, recording: true } }]]);
    delivery.addViewer('b');
    expect(sent.at(-1)).toEqual(['b', { control: { paused: false, recording: true } }]);
    sent.length = 0;
    delivery.setRecording(false);
    expect(sent).toEqual([
      ['a', { control: { paused: false } }],
      ['b', { control: { paused: false } }],
    ]);
  });
});
