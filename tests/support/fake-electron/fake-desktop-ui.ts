// The desktop parts around the window: Tray, Menu, Notification and nativeImage. Each
// records what main did to it, and tests click menu items and notifications directly.
import { EventEmitter } from 'node:events';

export interface FakeMenuItem {
  label?: string;
  role?: string;
  type?: string;
  enabled?: boolean;
  visible?: boolean;
  submenu?: FakeMenuItem[] | FakeMenu;
  click?: (...args: unknown[]) => void;
}

export class FakeMenu {
  static applicationMenu: FakeMenu | null = null;

  constructor(readonly items: FakeMenuItem[]) {}

  static buildFromTemplate(template: FakeMenuItem[]): FakeMenu {
    return new FakeMenu(template.map((item) => ({ ...item })));
  }

  static setApplicationMenu(menu: FakeMenu | null): void {
    FakeMenu.applicationMenu = menu;
  }

  /** Test helper: the item with this label, searched through submenus too. */
  find(label: string): FakeMenuItem | undefined {
    for (const item of this.items) {
      if (item.label === label) return item;
      const submenu =
        item.submenu instanceof FakeMenu ? item.submenu : item.submenu ? new FakeMenu(item.submenu) : null;
      const found = submenu?.find(label);
      if (found) return found;
    }
    return undefined;
  }

  labels(): string[] {
    return this.items.filter((item) => item.type !== 'separator').map((item) => item.label ?? `(${item.role ?? '?'})`);
  }
}

export class FakeNativeImage {
  template = false;
  readonly representations: Array<{ scaleFactor: number; dataURL?: string }> = [];

  constructor(readonly source: string) {}

  addRepresentation(options: { scaleFactor: number; dataURL?: string }): void {
    this.representations.push(options);
  }

  setTemplateImage(on: boolean): void {
    this.template = on;
  }

  isEmpty(): boolean {
    return this.source === '';
  }
}

export const nativeImage = {
  createFromDataURL: (url: string) => new FakeNativeImage(url.startsWith('data:image/png;base64,') ? url : ''),
  createFromPath: (path: string) => new FakeNativeImage(path),
  createEmpty: () => new FakeNativeImage(''),
};

export class FakeTray extends EventEmitter {
  static readonly all: FakeTray[] = [];
  toolTip = '';
  contextMenu: FakeMenu | null = null;
  destroyed = false;

  constructor(readonly image: FakeNativeImage) {
    super();
    FakeTray.all.push(this);
  }

  setToolTip(text: string): void {
    this.toolTip = text;
  }

  setContextMenu(menu: FakeMenu | null): void {
    this.contextMenu = menu;
  }

  destroy(): void {
    this.destroyed = true;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export interface FakeNotificationOptions {
  title?: string;
  body?: string;
  actions?: Array<{ type: string; text: string }>;
  silent?: boolean;
}

export class FakeNotification extends EventEmitter {
  static readonly all: FakeNotification[] = [];
  /** What Notification.isSupported() answers. */
  static supported = true;
  shown = false;
  closed = false;

  constructor(readonly options: FakeNotificationOptions = {}) {
    super();
    FakeNotification.all.push(this);
  }

  static isSupported(): boolean {
    return FakeNotification.supported;
  }

  show(): void {
    this.shown = true;
    this.emit('show');
  }

  close(): void {
    this.closed = true;
    this.emit('close');
  }

  /** Test helper: the user pressed action button `index` (macOS, Windows). */
  pressAction(index: number): void {
    this.emit('action', { actionIndex: index, selectionIndex: -1 }, index, -1);
  }

  /** Test helper: the user clicked the notification itself. */
  click(): void {
    this.emit('click');
  }
}

export function resetDesktopUi(): void {
  FakeMenu.applicationMenu = null;
  FakeTray.all.length = 0;
  FakeNotification.all.length = 0;
  FakeNotification.supported = true;
}
