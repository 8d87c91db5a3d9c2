import { Text, View } from '@tarojs/components';
import type { HelpRequestKind } from '@linli/shared-types';
import { kindLabel, kindMark } from './help-format';

/** The kind of help: a one-character mark in a circle, then its name. */
export function KindTag({ kind }: { kind: HelpRequestKind }) {
  return (
    <View className="lk-help-kind">
      <Text className={`lk-help-kind__mark lk-help-kind__mark--${kind}`}>{kindMark(kind)}</Text>
      <Text className="lk-help-kind__label">{kindLabel(kind)}</Text>
    </View>
  );
}
