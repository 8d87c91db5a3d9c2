import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { watchPrivacyRequests } from './hooks/usePrivacy';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    watchPrivacyRequests();
  });
  // children is the page being shown
  return children;
}

export default App;
