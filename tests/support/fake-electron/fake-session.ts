// session.defaultSession: records the handlers main installs so tests can call them.
type Handler = (...args: never[]) => unknown;

export class FakeSession {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  displayMediaRequestHandler: Handler | null = null;

  setPermissionRequestHandler(handler: Handler | null): void {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: Handler | null): void {
    this.permissionCheckHandler = handler;
  }

  setDisplayMediaRequestHandler(handler: Handler | null): void {
    this.displayMediaRequestHandler = handler;
  }

  reset(): void {
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
    this.displayMediaRequestHandler = null;
  }
}

export const defaultSession = new FakeSession();
