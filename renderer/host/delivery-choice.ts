// Which strategies a hosting session's Delivery runs: the relay (the default: the host
// encodes once for everyone) with direct (one connection and encoder per viewer) as its
// fallback, unless direct is chosen on this device. A new strategy is listed here.
import type { ReadonlySignal, Signal } from '@preact/signals';
import type { DeliveryPreference } from '../app/delivery-preference';
import type { HostingEndpoint } from '../platform/platform';
import { Delivery } from './delivery';
import type { DeliveryMode, StrategyFactory } from './delivery-strategy';
import { DirectStrategy } from './direct-strategy';
import type { DeliveryFactory } from './host-session';
import { relayUrlFor } from './relay-control-socket';
import { RelayStrategy } from './relay-strategy';

export function chooseDelivery(
  preference: ReadonlySignal<DeliveryPreference>,
  mode: Signal<DeliveryMode | null>,
  iceServers: () => RTCIceServer[],
): DeliveryFactory {
  return (send, endpoint: HostingEndpoint) => {
    const direct: StrategyFactory = (context) => new DirectStrategy(context, iceServers());
    const relay: StrategyFactory = (context) =>
      new RelayStrategy(context, relayUrlFor(endpoint.signalUrl), endpoint.hostKey);
    const strategies = preference.value === 'direct' ? [direct] : [relay, direct];
    return new Delivery(send, strategies, {
      onMode: (now) => (mode.value = now),
      onProblem: (message) => console.warn(`media relay: ${message}`),
    });
  };
}
