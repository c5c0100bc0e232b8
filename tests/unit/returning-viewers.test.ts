import { ReturningViewers } from '../../renderer/host/returning-viewers';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('ReturningViewers', () => {
  it('redeems a ticket once, for the viewer it was issued to', () => {
    const returning = new ReturningViewers();
    const ticket = returning.issue('v1');
    expect(ticket).toMatch(/^[0-9a-f]{32}$/);
    expect(returning.redeem(ticket)).toBe('v1');
    expect(returning.redeem(ticket)).toBeUndefined();
    expect(returning.redeem('made-up')).toBeUndefined();
    expect(returning.redeem(undefined)).toBeUndefined();
  });

  it('keeps an orphan for the grace period, then lets it go and voids its tickets', () => {
    const returning = new ReturningViewers(1_000);
    const ticket = returning.issue('v1');
    const expire = jest.fn();
    returning.orphan('v1', expire);
    jest.advanceTimersByTime(999);
    expect(expire).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(expire).toHaveBeenCalledTimes(1);
    expect(returning.adopt('v1')).toBe(false);
    expect(returning.redeem(ticket)).toBeUndefined();
  });

  it('an adopted orphan is not expired later', () => {
    const returning = new ReturningViewers(1_000);
    const expire = jest.fn();
    returning.orphan('v1', expire);
    expect(returning.adopt('v1')).toBe(true);
    jest.advanceTimersByTime(5_000);
    expect(expire).not.toHaveBeenCalled();
  });

  it('revoke voids every ticket of a viewer and forgets it as an orphan', () => {
    const returning = new ReturningViewers(1_000);
    const a = returning.issue('v1');
    const b = returning.issue('v1');
    const other = returning.issue('v2');
    const expire = jest.fn();
    returning.orphan('v1', expire);
    returning.revoke('v1');
    expect(returning.redeem(a)).toBeUndefined();
    expect(returning.redeem(b)).toBeUndefined();
    expect(returning.redeem(other)).toBe('v2');
    jest.advanceTimersByTime(5_000);
    expect(expire).not.toHaveBeenCalled();
  });
});
