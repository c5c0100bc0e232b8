// Viewer names: invisible and text-rewriting characters never reach the host's approval prompt,
// so two names that look alike there are the same string (issue 14 item 11).
import { sanitizeName } from '../../signaling/protocol/names';

describe('sanitizeName strips invisible characters', () => {
  it.each([
    ['zero-width space', '\u200B'],
    ['zero-width non-joiner', '\u200C'],
    ['zero-width joiner outside an emoji', '\u200D'],
    ['word joiner', '\u2060'],
    ['function application', '\u2061'],
    ['invisible times', '\u2062'],
    ['invisible separator', '\u2063'],
    ['invisible plus', '\u2064'],
    ['byte order mark', '\uFEFF'],
    ['Arabic letter mark', '\u061C'],
    ['line separator', '\u2028'],
    ['paragraph separator', '\u2029'],
    ['soft hyphen (another \\p{Cf})', '\u00AD'],
    ['Mongolian vowel separator (another \\p{Cf})', '\u180E'],
    ['a tag character (another \\p{Cf})', '\u{E0041}'],
    ['left-to-right mark', '\u200E'],
    ['right-to-left override', '\u202E'],
  ])('removes the %s', (_label, char) => {
    expect(sanitizeName(`Al${char}ice`)).toBe('Alice');
    expect(sanitizeName(`${char}Alice${char}`)).toBe('Alice');
  });

  it('turns a name of invisible characters only into no name', () =>
    expect(sanitizeName('\u200B\u2060\uFEFF')).toBeNull());

  it('makes a look-alike equal to the name it imitates', () =>
    expect(sanitizeName('Bo\u200Bb')).toBe(sanitizeName('Bob')));

  it('keeps the joiner inside emoji sequences, where it is visible', () => {
    expect(sanitizeName('👩\u200D💻 Dev')).toBe('👩\u200D💻 Dev');
    expect(sanitizeName('❤\uFE0F\u200D🔥')).toBe('❤\uFE0F\u200D🔥');
    expect(sanitizeName('👩🏽\u200D🚀')).toBe('👩🏽\u200D🚀');
  });

  it('drops a joiner next to an emoji on one side only', () => {
    expect(sanitizeName('👩\u200DAnn')).toBe('👩Ann');
    expect(sanitizeName('Ann\u200D👩')).toBe('Ann👩');
  });

  it('still keeps ordinary letters, accents and scripts', () =>
    expect(sanitizeName('José Ωμέγα 山田')).toBe('José Ωμέγα 山田'));
});
