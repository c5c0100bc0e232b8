import { latestSample, sparklinePoints } from '../../renderer/views/sparkline';

const parse = (points: string) => points.split(' ').map((p) => p.split(',').map(Number) as [number, number]);

describe('sparklinePoints', () => {
  it('is empty without samples', () => {
    expect(sparklinePoints([], { width: 100, height: 20 })).toBe('');
  });

  it('puts the newest sample at the right edge and the largest at the top', () => {
    const points = parse(sparklinePoints([0, 5, 10], { width: 100, height: 20, samples: 3, padding: 0 }));
    expect(points).toEqual([
      [0, 20],
      [50, 10],
      [100, 0],
    ]);
  });

  it('right-aligns fewer samples than the window holds', () => {
    const points = parse(sparklinePoints([1, 1], { width: 90, height: 10, samples: 10, padding: 1 }));
    expect(points.map(([x]) => x)).toEqual([80, 90]);
    // All equal: all at the top, inside the padding.
    expect(points.map(([, y]) => y)).toEqual([1, 1]);
  });

  it('keeps only the last window of samples', () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    const points = parse(sparklinePoints(values, { width: 59, height: 10 }));
    expect(points).toHaveLength(60);
    expect(points[0]![0]).toBe(0);
    expect(points[59]![0]).toBe(59);
  });

  it('draws a flat baseline for all zeros and treats bad values as zero', () => {
    const points = parse(
      sparklinePoints([0, Number.NaN, -5, Number.POSITIVE_INFINITY], { width: 30, height: 10, samples: 4, padding: 1 }),
    );
    expect(points.every(([, y]) => y === 9)).toBe(true);
  });

  it('stretches a single sample into a visible stroke', () => {
    const points = parse(sparklinePoints([3], { width: 60, height: 10, samples: 61, padding: 0 }));
    expect(points).toEqual([
      [59, 0],
      [60, 0],
    ]);
  });
});

describe('latestSample', () => {
  it('is the newest finite sample or null', () => {
    expect(latestSample([1, 2, 3])).toBe(3);
    expect(latestSample([])).toBeNull();
    expect(latestSample([1, Number.NaN])).toBeNull();
  });
});
