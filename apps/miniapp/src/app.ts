import type { PropsWithChildren } from 'react';
import Taro, { useLaunch, usePageNotFound } from '@tarojs/taro';
import { watchPrivacyRequests } from './hooks/usePrivacy';
import { platformShell } from './platform/shell';
import { routes } from './routes';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    watchPrivacyRequests();
    platformShell.install();
  });
  // An unknown route or a stale link (a page that moved): a page that says so and leads home.
  usePageNotFound(({ path }) => {
    void Taro.redirectTo({ url: `${routes.notFound}?from=${encodeURIComponent(path)}` }).catch(
      () => void Taro.reLaunch({ url: routes.notFound }),
    );
  });
  // children is the page being shown
  return children;
}

export default App;
