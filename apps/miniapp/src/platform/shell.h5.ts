import type { PlatformShell } from './types';

const SPLASH_ID = 'lk-splash';
const CHUNK_BANNER_ID = 'lk-chunk-error';

/** Taro's H5 navigation bar draws its back and home buttons as bare divs: give them a name and a key. */
function nameNavigationButtons(root: ParentNode): void {
  const buttons: Array<[string, string]> = [
    ['.taro-navigation-bar-back', '返回'],
    ['.taro-navigation-bar-home', '回到首页'],
  ];
  for (const [selector, label] of buttons) {
    root.querySelectorAll<HTMLElement>(selector).forEach((button) => {
      if (button.getAttribute('role') === 'button') return;
      button.setAttribute('role', 'button');
      button.setAttribute('aria-label', label);
      button.setAttribute('tabindex', '0');
      button.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          button.click();
        }
      });
    });
  }
  root.querySelectorAll<HTMLElement>('.taro-navigation-bar-title').forEach((title) => {
    if (!title.getAttribute('role')) title.setAttribute('role', 'heading');
    title.setAttribute('aria-level', '1');
  });
}

/**
 * Taro's tab bar items are `<a href="javascript:;">`: following that URL is inline script, which the
 * server's CSP refuses (a violation report on every tap). The click handler does the switching, so the
 * href goes; role and tabindex keep the item a focusable link.
 */
function fixTabBarLinks(root: ParentNode): void {
  root.querySelectorAll<HTMLAnchorElement>('a[href^="javascript:"]').forEach((link) => {
    link.removeAttribute('href');
    link.setAttribute('role', 'link');
    link.setAttribute('tabindex', '0');
    link.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') link.click();
    });
  });
}

/** Each Taro page is a scrolling box: keyboard users must be able to focus it to scroll it. */
function focusablePages(root: ParentNode): void {
  root
    .querySelectorAll<HTMLElement>('.taro_page:not([tabindex])')
    .forEach((page) => page.setAttribute('tabindex', '0'));
}

function isChunkLoadError(reason: unknown): boolean {
  if (!reason || typeof reason !== 'object') return false;
  const { name, message } = reason as { name?: unknown; message?: unknown };
  return name === 'ChunkLoadError' || (typeof message === 'string' && /Loading (CSS )?chunk .* failed/.test(message));
}

/** A page's code could not be downloaded (offline, flaky network): say so, and reopen it on 重试. */
function showChunkError(): void {
  let banner = document.getElementById(CHUNK_BANNER_ID);
  if (!banner) {
    banner = document.createElement('div');
    banner.id = CHUNK_BANNER_ID;
    banner.className = 'lk-chunk-error e2e-chunk-error';
    banner.setAttribute('role', 'alert');
    const text = document.createElement('span');
    text.className = 'lk-chunk-error__text';
    const retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'lk-chunk-error__retry e2e-chunk-error-retry';
    retry.textContent = '重试';
    retry.addEventListener('click', () => {
      if (navigator.onLine) window.location.reload();
      else text.textContent = '仍然没有网络，请连上网络后再点重试';
    });
    banner.append(text, retry);
    document.body.appendChild(banner);
  }
  const text = banner.querySelector('.lk-chunk-error__text');
  if (text) {
    text.textContent = navigator.onLine
      ? '页面没有打开：网络不稳定，请点重试'
      : '网络已断开，页面没有打开。连上网络后请点重试';
  }
}

export const platformShell: PlatformShell = {
  install() {
    const fix = () => {
      nameNavigationButtons(document);
      fixTabBarLinks(document);
      focusablePages(document);
    };
    fix();
    // Taro adds the bars after launch and redraws the tab bar's items: fix whatever appears.
    new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });

    window.addEventListener('unhandledrejection', (event) => {
      if (!isChunkLoadError(event.reason)) return;
      event.preventDefault();
      showChunkError();
    });
    window.addEventListener('online', () => {
      const text = document.querySelector(`#${CHUNK_BANNER_ID} .lk-chunk-error__text`);
      if (text) text.textContent = '网络已恢复，请点重试打开页面';
    });
  },
  firstPageShown() {
    document.getElementById(SPLASH_ID)?.remove();
  },
  watchOnline(listener) {
    const online = () => listener(true);
    const offline = () => listener(false);
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    if (!navigator.onLine) listener(false);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  },
};
