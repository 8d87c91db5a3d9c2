import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import './index.scss';

interface EmptyStateProps {
  title: string;
  description?: string;
  className?: string;
  children?: ReactNode;
}

/** A quiet placeholder drawn with CSS only (no remote images, nothing to count against the package). */
export function EmptyState({ title, description, className, children }: EmptyStateProps) {
  return (
    <View className={`lk-empty ${className ?? ''}`}>
      <View className="lk-empty__mark" />
      <Text className="lk-empty__title">{title}</Text>
      {description ? <Text className="lk-empty__description">{description}</Text> : null}
      {children}
    </View>
  );
}
