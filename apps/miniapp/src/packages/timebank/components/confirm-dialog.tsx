import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '../../../components/nutui'
import './timebank.scss'

interface ConfirmDialogProps {
  title: string
  children: ReactNode
  confirmText: string
  /** The e2e class of the confirm button. */
  confirmClassName: string
  busy: boolean
  onConfirm(): void
  onCancel(): void
}

/**
 * A confirmation drawn in the page (not Taro.showModal), so the text can be as large as 长辈模式 needs,
 * the amount stands out, and browser tests find the buttons by class.
 */
export function ConfirmDialog({ title, children, confirmText, confirmClassName, busy, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <View className='lk-tb-dialog'>
      <View className='lk-tb-dialog__mask' onClick={busy ? undefined : onCancel} />
      <View className='lk-tb-dialog__panel e2e-tb-dialog'>
        <Text className='lk-tb-dialog__title'>{title}</Text>
        <View className='lk-tb-dialog__body'>{children}</View>
        <View className='lk-tb-dialog__actions'>
          <Button className='lk-tb-dialog__button e2e-tb-dialog-cancel' fill='outline' shape='round' disabled={busy} onClick={onCancel}>
            取消
          </Button>
          <Button
            className={`lk-tb-dialog__button ${confirmClassName}`}
            type='primary'
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
