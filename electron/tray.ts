// The tray icon and its menu, rendered from tray-model.ts.
import { Menu, Tray, nativeImage } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';
import type { EngineStatus } from '../engine/api.js';
import type { Logger } from './log.js';
import { buildTrayModel } from './tray-model.js';
import type { TrayAction, TrayItem } from './tray-model.js';

export interface ShellTray {
  update(status: EngineStatus | null, rescoring: boolean): void;
  destroy(): void;
}

export function createTray(iconPath: string, onAction: (action: TrayAction) => void, log: Logger): ShellTray {
  const image = nativeImage.createFromPath(iconPath);
  if (image.isEmpty()) log.warn(`tray icon ${iconPath} is missing or unreadable`);
  const tray = new Tray(image);
  tray.on('click', () => onAction('open'));

  const toMenuItem = (item: TrayItem): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { type: 'separator' };
      case 'status':
        return { label: item.label, enabled: false };
      case 'action':
        return { label: item.label, enabled: item.enabled, click: () => onAction(item.action) };
    }
  };

  const update = (status: EngineStatus | null, rescoring: boolean) => {
    const model = buildTrayModel({ status, rescoring, now: Date.now() });
    tray.setToolTip(model.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(model.items.map(toMenuItem)));
  };
  update(null, false);
  return { update, destroy: () => tray.destroy() };
}
