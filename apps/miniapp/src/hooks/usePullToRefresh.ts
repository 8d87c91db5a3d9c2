import Taro, { usePullDownRefresh } from '@tarojs/taro';

/**
 * 下拉刷新: runs the page's reload, then folds the spinner away, also when the reload failed (each data hook
 * shows its own error state, so the failure needs nothing more here).
 */
export function usePullToRefresh(reload: () => Promise<unknown>): void {
  usePullDownRefresh(() => {
    void reload()
      .catch(() => undefined)
      .then(() => Taro.stopPullDownRefresh());
  });
}
