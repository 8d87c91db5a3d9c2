import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '../../../components/nutui';
import { routes } from '../../../routes';
import './timebank.scss';

/** Pending residents have no time bank yet (the server answers 403 RESIDENT_NOT_VERIFIED). */
export function NotVerified() {
  return (
    <View className="lk-card lk-blocked e2e-timebank-not-verified">
      <Text className="lk-blocked__title">请先完成住户认证</Text>
      <Text className="lk-blocked__text">
        时间银行只对已认证的住户开放。请在“我的”页面填写住址，社区工作人员核实后即可查看余额、转赠和兑换。
      </Text>
      <Button
        className="lk-button-block e2e-timebank-go-verify"
        type="primary"
        shape="round"
        block
        onClick={() => void Taro.switchTab({ url: routes.me })}
      >
        去“我的”填写住址
      </Button>
    </View>
  );
}
