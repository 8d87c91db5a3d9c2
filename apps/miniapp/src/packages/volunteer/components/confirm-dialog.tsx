import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '../../../components/nutui'
import './volunteer.scss'

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

/** A confirmation drawn in the page (large text for 长辈模式, buttons found by class), like the booking one's. */
export function ConfirmDialog({ title, children, confirmText, cancelText = '取消', confirmClassName, busy, danger, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <View className='lk-vol-dialog'>
      <View className='lk-vol-dialog__mask' onClick={busy ? undefined : onCancel} />
      <View className='lk-vol-dialog__panel e2e-vol-dialog'>
        <Text className='lk-vol-dialog__title'>{title}</Text>
        <View className='lk-vol-dialog__body'>{children}</View>
        <View className='lk-vol-dialog__actions'>
          <Button className='lk-vol-dialog__button e2e-vol-dialog-cancel' fill='outline' shape='round' disabled={busy} onClick={onCancel}>
            {cancelText}
          </Button>
          <Button
            className={`lk-vol-dialog__button ${confirmClassName}`}
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
