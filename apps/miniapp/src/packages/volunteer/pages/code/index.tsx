import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../../../components/page-shell';
import { ListError } from '../../../../components/list-state';
import { useSession } from '../../../../hooks/useSession';
import { usePersonalCode } from '../../../../hooks/usePersonalCode';
import { platformScreen } from '../../../../platform/screen';
import { QrMatrix } from '../../components/qr-matrix';
import './index.scss';

/** The page and card padding around the code, in CSS px (长辈模式's, the larger). */
const AROUND_PX = 2 * 20 + 2 * 20;

/**
 * The QR's width without its quiet zone, so that it and its white margin (4 modules a side, 8 of the
 * smallest code's 21) fit the screen at any width: 220 px where there is room, less on a narrow phone.
 */
function qrSizeForWindow(): number {
  const width = Taro.getWindowInfo().windowWidth || 375;
  return Math.max(120, Math.min(220, Math.floor((width - AROUND_PX) / (1 + 8 / 21))));
}

/** For a volunteer whose phone cannot scan: staff scan this QR or type the 6 digits at the door. */
export default function PersonalCodePage() {
  const { loggedIn } = useSession();
  const personal = usePersonalCode(loggedIn);

  useEffect(() => platformScreen.keepOn(), []);
  const [qrSize] = useState(qrSizeForWindow);

  const digits = personal.code?.digits ?? '';
  return (
    <PageShell className="lk-my-code">
      {personal.error && !personal.code ? (
        <ListError className="e2e-my-code-error" message={personal.error} onRetry={() => void personal.reload()} />
      ) : (
        <View className="lk-card lk-my-code__card">
          <Text className="lk-muted">请出示二维码，或把 6 位数字读给工作人员</Text>
          {personal.code ? (
            <QrMatrix className="lk-my-code__qr e2e-my-code-qr" text={personal.code.code} sizePx={qrSize} />
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
