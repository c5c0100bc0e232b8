// Rejoin tickets at the host: named by a handle, redeemed only by a proof bound to the new id,
// and only when the ticket's owner is gone (issue 14 item 1).
import type { ViewerSummary } from '../../signaling/protocol';
import { ReturningViewers } from '../../renderer/host/returning-viewers';
import { rejoinHandle, rejoinProof } from '../../renderer/security/rejoin-proof';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const gone = () => false;
const nobodySigned = () => false;
const newcomer = (id: string, rejoin: string | undefined, state: ViewerSummary['state'] = 'waiting') =>
  ({ id, name: 'Ann', address: '192.0.2.7', state, ...(rejoin === undefined ? {} : { rejoin }) }) as ViewerSummary;

/** A returning viewer `newId` that holds `ticket`, start to end: the former id, or undefined. */
function redeem(returning: ReturningViewers, ticket: string, newId: string): string | undefined {
  if (!returning.claim(newcomer(newId, rejoinHandle(ticket)), gone, () => undefined)) return undefined;
  const outcome = returning.prove(newId, rejoinProof(ticket, newId), true, nobodySigned);
  return outcome.kind === 'proved' ? outcome.formerId : undefined;
}

describe('ReturningViewers', () => {
  it('redeems a ticket once, for the viewer it was issued to, by its handle and a proof for the new id', () => {
    const returning = new ReturningViewers();
    const ticket = returning.issue('v1');
    expect(ticket).toMatch(/^[0-9a-f]{32}$/);
    expect(redeem(returning, ticket, 'v2')).toBe('v1');
    expect(redeem(returning, ticket, 'v3')).toBeUndefined();
    expect(returning.claim(newcomer('v4', 'f'.repeat(32)), gone, () => undefined)).toBe(false);
    expect(returning.claim(newcomer('v5', undefined), gone, () => undefined)).toBe(false);
  });

  it('does not know the ticket itself in a hello: only its handle', () => {
    const returning = new ReturningViewers();
    const ticket = returning.issue('v1');
    expect(returning.claim(newcomer('v2', ticket), gone, () => undefined)).toBe(false);
  });

  it('does not redeem a ticket while its owner is still connected; the newcomer waits, and may claim later', () => {
    const returning = new ReturningViewers();
    const ticket = returning.issue('v1');
    const sniffer = newcomer('v9', rejoinHandle(ticket));
    expect(
      returning.claim(
        sniffer,
        (id) => id === 'v1',
        () => undefined,
      ),
    ).toBe(false);
    expect(returning.ownerLeft('v1')).toEqual([sniffer]); // the owner left: it may now claim
    expect(returning.ownerLeft('v1')).toEqual([]);
  });

  it('refuses a proof made for another id (a sniffed proof does not travel) and voids that claim', () => {
    const returning = new ReturningViewers();
    const ticket = returning.issue('v1');
    expect(returning.claim(newcomer('v9', rejoinHandle(ticket)), gone, () => undefined)).toBe(true);
    expect(returning.prove('v9', rejoinProof(ticket, 'v2'), true, nobodySigned)).toEqual({ kind: 'refused' });
    expect(returning.prove('v9', rejoinProof(ticket, 'v9'), true, nobodySigned)).toEqual({ kind: 'not-returning' });
    expect(redeem(returning, ticket, 'v2')).toBe('v1'); // the owner's own return still works
  });

  it('refuses the ticket as proof, and anything that is not a string', () => {
    const returning = new ReturningViewers();
    const ticket = returning.issue('v1');
    returning.claim(newcomer('v2', rejoinHandle(ticket)), gone, () => undefined);
    expect(returning.prove('v2', ticket, true, nobodySigned).kind).toBe('refused');
    returning.claim(newcomer('v3', rejoinHandle(ticket)), gone, () => undefined);
    expect(returning.prove('v3', { ticket }, true, nobodySigned).kind).toBe('refused');
  });

  it('takes only a signed proof for the ticket of a viewer that had signed', () => {
    const returning = new ReturningViewers();
    const ticket = returning.issue('v1');
    const hadSigned = (id: string) => id === 'v1';
    returning.claim(newcomer('v2', rejoinHandle(ticket)), gone, () => undefined);
    expect(returning.prove('v2', rejoinProof(ticket, 'v2'), false, hadSigned)).toEqual({ kind: 'refused' });
    returning.claim(newcomer('v3', rejoinHandle(ticket)), gone, () => undefined);
    expect(returning.prove('v3', rejoinProof(ticket, 'v3'), true, hadSigned)).toEqual({
      kind: 'proved',
      formerId: 'v1',
    });
  });

  it('turns away a claimant that sends no proof in time', () => {
    const returning = new ReturningViewers(15_000, 1_000);
    const ticket = returning.issue('v1');
    const unproven = jest.fn();
    returning.claim(newcomer('v2', rejoinHandle(ticket), 'admitted'), gone, unproven);
    jest.advanceTimersByTime(999);
    expect(unproven).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(unproven).toHaveBeenCalledTimes(1);
    expect(returning.prove('v2', rejoinProof(ticket, 'v2'), true, nobodySigned).kind).toBe('not-returning');
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
    expect(redeem(returning, ticket, 'v2')).toBeUndefined();
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
    expect(redeem(returning, a, 'v3')).toBeUndefined();
    expect(redeem(returning, b, 'v4')).toBeUndefined();
    expect(redeem(returning, other, 'v5')).toBe('v2');
    jest.advanceTimersByTime(5_000);
    expect(expire).not.toHaveBeenCalled();
  });
});
