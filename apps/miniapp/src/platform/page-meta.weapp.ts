import { createElement, type ReactElement } from 'react';
import { PageMeta } from '@tarojs/components';

/**
 * 1rem = the font size the user set in WeChat (and 关怀模式), so the app's rem type follows it. Each page
 * config needs `enablePageMeta: true` for Taro to draw the page-meta node this fills in.
 */
export function PlatformPageMeta(): ReactElement {
  return createElement(PageMeta, { rootFontSize: 'system', pageFontSize: 'system' });
}
