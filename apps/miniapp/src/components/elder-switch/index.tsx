import { Text, View } from '@tarojs/components';
import { useElderMode } from '../../hooks/usePreferences';
import './index.scss';

/**
 * The 长辈模式 switch, on 首页 and in 我的. The whole row toggles it, so the tap target is the row
 * (≥ 60 px tall in 长辈模式), not only the small switch; the words say its state, not colour alone.
 */
export function ElderSwitch({ className }: { className?: string }) {
  const [elderMode, setElderMode] = useElderMode();
  return (
    <View className={`lk-elder-switch e2e-elder-row ${className ?? ''}`} onClick={() => setElderMode(!elderMode)}>
      <View className="lk-elder-switch__text">
        <Text className="lk-elder-switch__title">长辈模式</Text>
        <Text className="lk-elder-switch__state">
          {elderMode ? '已开启：大字、大按钮' : '更大的字和按钮，更高的对比度'}
        </Text>
      </View>
      {/* The row handles the tap; the drawn switch only shows the state (the words above say it too). */}
      <View className={`lk-elder-switch__control e2e-elder-switch${elderMode ? ' lk-elder-switch__control--on' : ''}`}>
        <View className="lk-elder-switch__knob" />
      </View>
    </View>
  );
}
