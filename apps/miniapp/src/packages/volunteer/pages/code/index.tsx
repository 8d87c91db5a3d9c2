import { useEffect } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../../../components/page-shell';
import { ListError } from '../../../../components/list-state';
import { useSession } from '../../../../hooks/useSession';
import { usePersonalCode } from '../../../../hooks/usePersonalCode';
import { QrMatrix } from '../../components/qr-matrix';
import './index.scss';

/** For a volunteer whose phone cannot scan: staff scan this QR or type the 6 digits at the door. */
export default function PersonalCodePage() {
  const { loggedIn } = useSession();
  const personal = usePersonalCode(loggedIn);

  useEffect(() => {
    // Keep the screen on while the code is shown (optional; ignored where unsupported).
    if (process.env.TARO_ENV === 'weapp') {
      void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
      return () => void Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined);
    }
    return undefined;
  }, []);

  const digits = personal.code?.digits ?? '';
  return (
    <PageShell className="lk-my-code">
      {personal.error && !personal.code ? (
        <ListError className="e2e-my-code-error" message={personal.error} onRetry={() => void personal.reload()} />
      ) : (
        <View className="lk-card lk-my-code__card">
          <Text className="lk-muted">请出示二维码，或把 6 位数字读给工作人员</Text>
          {personal.code ? (
            <QrMatrix className="lk-my-code__qr e2e-my-code-qr" text={personal.code.code} sizePx={200} />
          ) : null}
          <Text className="lk-my-code__digits e2e-my-code-digits">
            {digits ? `${digits.slice(0, 3)} ${digits.slice(3)}` : '······'}
          </Text>
          <Text className="lk-my-code__countdown e2e-my-code-countdown">
            {personal.code ? `${personal.secondsLeft} 秒后自动更新` : '正在获取…'}
          </Text>
          {personal.error ? <Text className="lk-form-error">{personal.error}</Text> : null}
          <Text className="lk-muted lk-my-code__note">
            签到码每 30 秒更换一次，只能当场使用，请勿截图发给他人。工作人员在签到台输入后，即为您签到或签退。
          </Text>
        </View>
      )}
    </PageShell>
  );
}
