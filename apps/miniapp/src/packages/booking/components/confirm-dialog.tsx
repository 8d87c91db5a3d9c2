import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '../../../components/nutui'
import './booking.scss'

interface ConfirmDialogProps {
  title: string
  children: ReactNode
  confirmText: string
  cancelText?: string
  /** The e2e class of the confirm button. */
  confirmClassName: string
  busy: boolean
  danger?: boolean
  onConfirm(): void
  onCancel(): void
}

/** A confirmation drawn in the page (large text for 长辈模式, buttons found by class), like the time bank's. */
export function ConfirmDialog({ title, children, confirmText, cancelText = '取消', confirmClassName, busy, danger, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <View className='lk-bk-dialog'>
      <View className='lk-bk-dialog__mask' onClick={busy ? undefined : onCancel} />
      <View className='lk-bk-dialog__panel e2e-bk-dialog'>
        <Text className='lk-bk-dialog__title'>{title}</Text>
        <View className='lk-bk-dialog__body'>{children}</View>
        <View className='lk-bk-dialog__actions'>
          <Button className='lk-bk-dialog__button e2e-bk-dialog-cancel' fill='outline' shape='round' disabled={busy} onClick={onCancel}>
            {cancelText}
          </Button>
          <Button
            className={`lk-bk-dialog__button ${confirmClassName}`}
            type={danger ? 'danger' : 'primary'}
            shape='round'
            loading={busy}
            disabled={busy}
            onClick={onConfirm}
          >
            {confirmText}
          </Button>
        </View>
      </View>
    </View>
  )
}
