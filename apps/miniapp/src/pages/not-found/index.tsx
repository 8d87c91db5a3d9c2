import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';
import { Button } from '../../components/nutui';
import { goHome } from '../../routes';
import './index.scss';

/** Where an unknown or stale link lands (app.ts sends every page-not-found here): never a blank screen. */
export default function NotFoundPage() {
  const { params } = useRouter();
  const canGoBack = Taro.getCurrentPages().length > 1;
  return (
    <PageShell className="lk-not-found" requireLogin={false}>
      <View className="lk-card lk-not-found__card e2e-not-found">
        <Text className="lk-not-found__title">没有找到这个页面</Text>
        <Text className="lk-muted lk-not-found__text">
          链接可能已过期，或者页面已经移动。您可以回到首页，从那里找到要办的事。
        </Text>
        {params.from ? <Text className="lk-muted lk-not-found__path">{`打开的地址：${params.from}`}</Text> : null}
        <Button className="lk-button-block e2e-not-found-home" type="primary" shape="round" block onClick={goHome}>
          回到首页
        </Button>
        {canGoBack ? (
          <Button
            className="lk-button-block e2e-not-found-back"
            fill="outline"
            shape="round"
            block
            onClick={() => void Taro.navigateBack()}
          >
            返回上一页
          </Button>
        ) : null}
      </View>
    </PageShell>
  );
}
