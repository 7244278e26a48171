/**
 * The application menu, in Chinese. File and edit commands are forwarded to the renderer as menu
 * commands (shared/contract/menu.ts): the renderer owns the undo history and the forms, and calls
 * the api like any other action. 最近打开 lists the recent files by their opaque ids.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { FileEntry } from '../../shared/contract/api';
import type { MenuCommand } from '../../shared/contract/menu';

export interface MenuActions {
  send(command: MenuCommand, arg?: string): void;
  about(): void;
}

function recentItems(recent: readonly FileEntry[], actions: MenuActions): MenuItemConstructorOptions[] {
  if (recent.length === 0) return [{ label: '（无）', enabled: false }];
  return recent.map((entry) => ({
    label: entry.department ? `${entry.name}（${entry.department}）` : entry.name,
    toolTip: entry.location,
    click: () => actions.send('openRecent', entry.id),
  }));
}

export function menuTemplate(recent: readonly FileEntry[], actions: MenuActions, platform: NodeJS.Platform = process.platform): MenuItemConstructorOptions[] {
  const send = (command: MenuCommand) => () => actions.send(command);
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '新建…', accelerator: 'CmdOrCtrl+N', click: send('new') },
        { label: '打开…', accelerator: 'CmdOrCtrl+O', click: send('open') },
        { label: '最近打开', submenu: recentItems(recent, actions) },
        { type: 'separator' },
        { label: '另存为…', accelerator: 'CmdOrCtrl+Shift+S', click: send('saveAs') },
        { type: 'separator' },
        { label: '导出 Word…', click: send('exportDocx') },
        { label: '导出 Excel…', click: send('exportXlsx') },
        { type: 'separator' },
        { label: '退出', role: 'quit', accelerator: platform === 'darwin' ? 'Cmd+Q' : 'Ctrl+Q' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { label: '撤销', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
        { label: '重做', accelerator: platform === 'darwin' ? 'Cmd+Shift+Z' : 'Ctrl+Y', click: send('redo') },
        { type: 'separator' },
        { label: '剪切', role: 'cut' },
        { label: '复制', role: 'copy' },
        { label: '粘贴', role: 'paste' },
        { label: '全选', role: 'selectAll' },
      ],
    },
    { label: '帮助', submenu: [{ label: '关于', click: () => actions.about() }] },
  ];
  // macOS puts the application's own menu first.
  if (platform === 'darwin') template.unshift({ role: 'appMenu', label: '部门决算公开助手' });
  return template;
}

export function installMenu(recent: readonly FileEntry[], actions: MenuActions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(recent, actions)));
}
