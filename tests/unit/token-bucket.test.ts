import { TokenBucket } from '../../signaling/server/token-bucket';

describe('TokenBucket', () => {
  it('allows a burst, then refuses until time refills it', () => {
    let now = 0;
    const bucket = new TokenBucket(50, 200, () => now);
    for (let i = 0; i < 200; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 100; // 100 ms at 50/s = 5 tokens
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });
  it('sustains exactly the rate over a long run', () => {
    let now = 0;
    const bucket = new TokenBucket(50, 200, () => now);
    for (let i = 0; i < 200; i++) bucket.take();
    let granted = 0;
    for (let ms = 0; ms < 10_000; ms += 5) {
      now += 5;
      if (bucket.take()) granted++;
    }
    expect(granted).toBe(500);
  });
  it('never holds more than the burst, however long it idles', () => {
    let now = 0;
    const bucket = new TokenBucket(50, 10, () => now);
    now += 3_600_000;
    let granted = 0;
    while (bucket.take()) granted++;
    expect(granted).toBe(10);
  });
});
