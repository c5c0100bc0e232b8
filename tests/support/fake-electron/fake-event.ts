// The event object Electron passes to preventable listeners (will-navigate, will-quit…).
export class FakeEvent<Extra extends object = object> {
  defaultPrevented = false;

  constructor(extra?: Extra) {
    Object.assign(this, extra);
  }

  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export const preventable = <Extra extends object>(extra?: Extra): FakeEvent<Extra> & Extra =>
  new FakeEvent(extra) as FakeEvent<Extra> & Extra;
