import { captureConstraintsFor, PRESETS, presetById, senderSettingsFor } from '../../renderer/host/presets';

describe('quality presets -> sender parameters', () => {
  it('Sharp text keeps full resolution at a low frame rate and a high bitrate', () => {
    const s = senderSettingsFor(presetById('sharp-text'), {}, { width: 3840, height: 2160 });
    expect(s).toEqual({
      maxBitrate: 8_000_000,
      maxFramerate: 15,
      scaleResolutionDownBy: 1,
      degradationPreference: 'maintain-resolution',
      contentHint: 'detail',
    });
  });

  it('Balanced scales a 4K capture down to 1080p at 30 fps', () => {
    const s = senderSettingsFor(presetById('balanced'), {}, { width: 3840, height: 2160 });
    expect(s).toMatchObject({ scaleResolutionDownBy: 2, maxFramerate: 30, degradationPreference: 'balanced' });
  });

  it('Motion sends 720p at 60 fps with the motion hint', () => {
    const s = senderSettingsFor(presetById('motion'), {}, { width: 1920, height: 1080 });
    expect(s).toMatchObject({
      scaleResolutionDownBy: 1.5,
      maxFramerate: 60,
      contentHint: 'motion',
      degradationPreference: 'maintain-framerate',
    });
  });

  it('Data saver stays under 1 Mbit/s', () => {
    expect(senderSettingsFor(presetById('data-saver')).maxBitrate).toBeLessThan(1_000_000);
  });

  it('never scales up a capture smaller than the preset allows', () => {
    expect(senderSettingsFor(presetById('balanced'), {}, { width: 1280, height: 720 }).scaleResolutionDownBy).toBe(1);
  });

  it('scales by the tighter side for unusual aspect ratios', () => {
    // 2560x1600 (16:10) into 1920x1080: height is the limit, 1600/1080.
    expect(
      senderSettingsFor(presetById('balanced'), {}, { width: 2560, height: 1600 }).scaleResolutionDownBy,
    ).toBeCloseTo(1.481, 3);
  });

  it('applies the user caps only when lower than the preset', () => {
    expect(senderSettingsFor(presetById('motion'), { maxBitrateBps: 2_500_000, maxFramerate: 30 })).toMatchObject({
      maxBitrate: 2_500_000,
      maxFramerate: 30,
    });
    expect(senderSettingsFor(presetById('data-saver'), { maxBitrateBps: 5_000_000, maxFramerate: 60 })).toMatchObject({
      maxBitrate: 800_000,
      maxFramerate: 10,
    });
    expect(senderSettingsFor(presetById('balanced'), { maxBitrateBps: 0 })).toMatchObject({ maxBitrate: 5_000_000 });
  });

  it('asks capture for the preset size and the capped frame rate', () => {
    expect(captureConstraintsFor(presetById('balanced'), { maxFramerate: 15 })).toEqual({
      width: 1920,
      height: 1080,
      frameRate: 15,
    });
    expect(captureConstraintsFor(presetById('sharp-text'))).toEqual({
      width: undefined,
      height: undefined,
      frameRate: 15,
    });
  });

  it('has four presets with unique ids and words for people', () => {
    expect(PRESETS.map((p) => p.id)).toEqual(['sharp-text', 'balanced', 'motion', 'data-saver']);
    for (const preset of PRESETS) expect(preset.description.length).toBeGreaterThan(10);
  });
});
