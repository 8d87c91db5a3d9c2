import { useEffect, useState, type ReactNode } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { actingForStore, stopActingFor } from '../../stores/acting-for';
import { useStore } from '../../stores/create-store';
import { routes } from '../../routes';
import { useElderMode } from '../../hooks/usePreferences';
import { useRequireLogin } from '../../hooks/useSession';
import { PrivacyDialog } from '../privacy-dialog';
import { PlatformPageMeta } from '../../platform/page-meta';
import { platformShell } from '../../platform/shell';
import { useOnline } from '../../hooks/useOnline';
import './index.scss';

interface PageShellProps {
  children: ReactNode;
  className?: string;
  /** Redirect to login when there is no session (every page but login). */
  requireLogin?: boolean;
  /** Keep the 隐私保护指引 open until it is accepted (the login page, before any personal data is sent). */
  requirePrivacyConsent?: boolean;
}

/**
 * The root of every page: 长辈模式 class, page-meta (rem follows the WeChat font setting), the offline
 * banner, login guard, and the privacy dialog WeChat may ask for.
 */
export function PageShell({ children, className, requireLogin = true, requirePrivacyConsent = false }: PageShellProps) {
  const [elderMode] = useElderMode();
  const loggedIn = useRequireLogin(requireLogin);
  const actingFor = useStore(actingForStore);
  const online = useOnline();
  useEffect(() => platformShell.firstPageShown(), []);
  // Tab pages stay mounted when hidden; only the page on screen draws the dialog (and its agree button id).
  const [onScreen, setOnScreen] = useState(true);
  useDidShow(() => setOnScreen(true));
  useDidHide(() => setOnScreen(false));
  const classes = ['lk-page', elderMode ? 'lk-elder' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <View className={classes}>
      <PlatformPageMeta />
      {online ? null : (
        // Said in words on every page, so an empty or stale list is not mistaken for "nothing there".
        <View className="lk-offline-banner e2e-offline-banner">
          <Text>网络已断开：页面内容可能不是最新的，联网后下拉刷新</Text>
        </View>
      )}
      {actingFor && loggedIn ? (
        // 亲情代办: always on screen while acting for someone, so nobody forgets whose account this is.
        <View className="lk-acting-banner e2e-acting-banner">
          <Text className="lk-acting-banner__text" onClick={() => void Taro.navigateTo({ url: routes.family })}>
            正在为 {actingFor.elderName} 代办
          </Text>
          <Text className="lk-acting-banner__stop e2e-acting-banner-stop" onClick={stopActingFor}>
            结束代办
          </Text>
        </View>
      ) : null}
      {requireLogin && !loggedIn ? null : children}
      {onScreen ? <PrivacyDialog requireConsent={requirePrivacyConsent} /> : null}
    </View>
  );
}
