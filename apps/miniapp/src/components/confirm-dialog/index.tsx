import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '../nutui';
import './index.scss';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmText: string;
  cancelText?: string;
  /** The e2e class of the confirm button. */
  confirmClassName: string;
  busy: boolean;
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A confirmation drawn in the page (not Taro.showModal), so the text can be as large as 长辈模式 needs,
 * the amount or the place stands out (`lk-dialog__big`, `lk-dialog__row` in children), and browser tests
 * find the buttons by class. Used by the subpackages only; Taro's optimizeMainPackage copies it into each.
 */
export function ConfirmDialog({
  title,
  children,
  confirmText,
  cancelText = '取消',
  confirmClassName,
  busy,
  danger,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  return (
    <View className="lk-dialog">
      <View className="lk-dialog__mask" onClick={busy ? undefined : onCancel} />
      <View className="lk-dialog__panel e2e-dialog">
        <Text className="lk-dialog__title">{title}</Text>
        <View className="lk-dialog__body">{children}</View>
        <View className="lk-dialog__actions">
          <Button
            className="lk-dialog__button e2e-dialog-cancel"
            fill="outline"
            shape="round"
            disabled={busy}
            onClick={onCancel}
          >
            {cancelText}
          </Button>
          <Button
            className={`lk-dialog__button ${confirmClassName}`}
            type={danger ? 'danger' : 'primary'}
            shape="round"
            loading={busy}
            disabled={busy}
            onClick={onConfirm}
          >
            {confirmText}
          </Button>
        </View>
      </View>
    </View>
  );
}
