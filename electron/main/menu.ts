import type { MenuItemConstructorOptions } from 'electron';
import { translate } from '../../shared/i18n';
import type { Language } from '../../shared/model/settings';

/** The native menu in the user's language; every item is one of Electron's built-in roles. */
export function menuTemplate(language: Language, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const t = (key: string) => translate(language, `menu.${key}`);
  const macAppMenu: MenuItemConstructorOptions[] =
    platform === 'darwin'
      ? [
          {
            label: 'Umzugshelfer',
            submenu: [{ role: 'about', label: t('about') }, { type: 'separator' }, { role: 'quit', label: t('quit') }],
          },
        ]
      : [];
  return [
    ...macAppMenu,
    { label: t('file'), submenu: [platform === 'darwin' ? { role: 'close' } : { role: 'quit', label: t('quit') }] },
    {
      label: t('edit'),
      submenu: [
        { role: 'undo', label: t('undo') },
        { role: 'redo', label: t('redo') },
        { type: 'separator' },
        { role: 'cut', label: t('cut') },
        { role: 'copy', label: t('copy') },
        { role: 'paste', label: t('paste') },
        { role: 'selectAll', label: t('selectAll') },
      ],
    },
    {
      label: t('view'),
      submenu: [
        { role: 'reload', label: t('reload') },
        { type: 'separator' },
        { role: 'zoomIn', label: t('zoomIn') },
        { role: 'zoomOut', label: t('zoomOut') },
        { role: 'resetZoom', label: t('resetZoom') },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t('fullscreen') },
      ],
    },
    { label: t('window'), submenu: [{ role: 'minimize', label: t('minimize') }] },
    { label: t('help'), submenu: [{ role: 'about', label: t('about') }] },
  ];
}
