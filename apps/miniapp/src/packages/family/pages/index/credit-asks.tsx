import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { FamilyBindingView, FamilyCreditAskView, FamilyCreditAskStatus } from '@linli/shared-types';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { Button, Input } from '../../../../components/nutui';
import type { useFamilyCredit } from '../../../../hooks/useFamily';
import { formatShanghaiTime } from '../../../../lib/time';

const statusWords: Record<FamilyCreditAskStatus, string> = {
  pending: '等待确认',
  confirmed: '已确认，已转出',
  declined: '未同意',
  cancelled: '已撤回',
};

type Credit = ReturnType<typeof useFamilyCredit>;

/** The elder's side: asks to confirm (确认即转出) or decline, each confirmed in a dialog that waits for her. */
export function CreditAsksToMe({ credit }: { credit: Credit }) {
  const [confirming, setConfirming] = useState<FamilyCreditAskView | null>(null);
  const toMe = credit.data?.toMe ?? [];
  if (!toMe.length) return null;
  return (
    <View className="e2e-credit-asks-to-me">
      <Text className="lk-family__subtitle">家人请求转出时长</Text>
      {toMe.map((a) => (
        <View key={a.id} className={`lk-family-row e2e-credit-ask e2e-credit-ask-${a.id}`}>
          <View className="lk-family-person">
            <Text className="lk-family-person__name">
              {a.relation} {a.member.name ?? ''}：{a.hours} 小时
            </Text>
            <Text className="lk-muted">
              {a.reason} · {statusWords[a.status]}
              {a.status === 'pending' ? ` · ${formatShanghaiTime(a.expiresAt)} 前有效` : ''}
            </Text>
          </View>
          {a.status === 'pending' ? (
            <View className="lk-family-row__actions">
              <Button className="lk-tap e2e-credit-confirm" type="primary" onClick={() => setConfirming(a)}>
                确认转出
              </Button>
              <Button
                className="lk-tap e2e-credit-decline"
                type="default"
                fill="outline"
                disabled={credit.busy}
                onClick={() => void credit.decide(a.id, 'decline')}
              >
                不同意
              </Button>
            </View>
          ) : null}
        </View>
      ))}
      {confirming ? (
        <ConfirmDialog
          title="确认转出时长"
          confirmText="确认转出"
          confirmClassName="e2e-credit-confirm-yes"
          busy={credit.busy}
          onCancel={() => setConfirming(null)}
          onConfirm={() => void credit.decide(confirming.id, 'confirm').then((done) => done && setConfirming(null))}
        >
          <Text className="lk-dialog__big">{confirming.hours} 小时</Text>
          <Text>
            从您的时间账户转给{confirming.relation} {confirming.member.name ?? ''}：{confirming.reason}
          </Text>
        </ConfirmDialog>
      ) : null}
    </View>
  );
}

/** The member's side, under each elder: ask for credits to oneself, and see or withdraw the asks made. */
export function CreditAskForm({ binding, credit }: { binding: FamilyBindingView; credit: Credit }) {
  const [open, setOpen] = useState(false);
  const [hours, setHours] = useState('');
  const [reason, setReason] = useState('');
  const mine = (credit.data?.mine ?? []).filter((a) => a.bindingId === binding.id);
  const minutes = Math.round(Number(hours) * 60);
  const valid = Number.isFinite(minutes) && minutes >= 1 && reason.trim().length > 0;
  return (
    <View className="lk-family-credit e2e-credit-ask-form">
      {mine.map((a) => (
        <View key={a.id} className={`lk-family-row e2e-my-credit-ask e2e-my-credit-ask-${a.id}`}>
          <Text className="lk-muted">
            请求转出 {a.hours} 小时：{a.reason} · {statusWords[a.status]}
          </Text>
          {a.status === 'pending' ? (
            <Button
              className="lk-tap e2e-credit-cancel"
              type="default"
              fill="outline"
              disabled={credit.busy}
              onClick={() => void credit.decide(a.id, 'cancel')}
            >
              撤回
            </Button>
          ) : null}
        </View>
      ))}
      {open ? (
        <View className="lk-family-credit__form">
          <Text className="lk-family__hint">
            时长只会转给您本人，并且要 {binding.elder.name ?? '长辈'} 在自己的手机上确认后才会转出。
          </Text>
          <Input
            className="lk-family__input e2e-credit-hours"
            type="digit"
            placeholder="小时数，如 1.5"
            value={hours}
            onChange={(value: string) => setHours(value.replace(/[^0-9.]/g, ''))}
          />
          <Input
            className="lk-family__input e2e-credit-reason"
            maxLength={60}
            placeholder="用途，如 帮妈妈买菜垫付"
            value={reason}
            onChange={(value: string) => setReason(value)}
          />
          <Button
            className="lk-tap lk-button-block e2e-credit-send"
            type="primary"
            block
            disabled={credit.busy || !valid}
            onClick={() =>
              void credit.ask(binding.id, minutes, reason.trim()).then((done) => {
                if (!done) return;
                setOpen(false);
                setHours('');
                setReason('');
              })
            }
          >
            发送请求
          </Button>
        </View>
      ) : (
        <Button className="lk-tap e2e-credit-open" type="default" fill="outline" onClick={() => setOpen(true)}>
          请{binding.elder.name ?? '长辈'}转时长给我
        </Button>
      )}
    </View>
  );
}
