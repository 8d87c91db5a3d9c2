import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { minutesToHours } from '@linli/shared-types';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { EmptyState } from '../../../../components/empty-state';
import { ListError, ListSkeleton } from '../../../../components/list-state';
import { Button, Input } from '../../../../components/nutui';
import { PageShell } from '../../../../components/page-shell';
import { familyRecipients, useHelpFamilyTransfer, type FamilyRecipient } from '../../../../hooks/useHelpFamilyTransfer';
import { useSession } from '../../../../hooks/useSession';
import { useTimebankAccount } from '../../../../hooks/useTimebankAccount';
import { routes } from '../../../../routes';
import '../../components/help.scss';

const presets = [30, 60, 120];
const MEMO_MAX = 100;

const placeOf = (r: FamilyRecipient) => `${r.relation}${r.communityName ? ` · ${r.communityName}` : ''}`;

export default function FamilyTransferPage() {
  const { user } = useSession();
  const { account } = useTimebankAccount();
  const transfer = useHelpFamilyTransfer();
  const [chosen, setChosen] = useState<FamilyRecipient | null>(null);
  const [minutes, setMinutes] = useState('');
  const [memo, setMemo] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const recipients = familyRecipients(transfer.family.data, user?.id ?? null);
  const available = account?.available ?? null;

  const submit = () => {
    const value = /^\d{1,6}$/.test(minutes.trim()) ? Number(minutes.trim()) : 0;
    if (!chosen) return setProblem('请先选择要转给哪位家人');
    if (value < 1) return setProblem('请输入转赠的分钟数，至少 1 分钟');
    if (available !== null && value > available) return setProblem(`可用时长不足：您现在可用 ${available} 分钟`);
    if (!memo.trim()) return setProblem('请写一句留言，如“给妈妈的”');
    setProblem(null);
    transfer.ask({ toUserId: chosen.userId, minutes: value, memo: memo.trim() });
  };

  if (transfer.result) {
    const done = transfer.result;
    return (
      <PageShell className="lk-help">
        <View className="lk-card lk-done e2e-family-transfer-done">
          <Text className="lk-done__mark">✓</Text>
          <Text className="lk-done__title">已转给 {chosen?.name ?? '家人'}</Text>
          <Text className="lk-done__text">{minutesToHours(Math.abs(done.transaction.amount))}</Text>
          <Text className="lk-done__text lk-muted">{done.transaction.memo}</Text>
          <Button
            className="lk-button-block"
            type="primary"
            shape="round"
            block
            onClick={() => void Taro.navigateBack()}
          >
            返回
          </Button>
          <Button
            className="lk-button-block"
            type="primary"
            fill="outline"
            shape="round"
            block
            onClick={() => {
              transfer.reset();
              setMinutes('');
              setMemo('');
            }}
          >
            再转一笔
          </Button>
        </View>
      </PageShell>
    );
  }

  const confirming = transfer.confirming;
  return (
    <PageShell className="lk-help">
      {transfer.family.loading && !transfer.family.data ? <ListSkeleton rows={1} /> : null}
      {transfer.family.error && !transfer.family.data ? (
        <ListError message={transfer.family.error} onRetry={() => void transfer.family.reload()} />
      ) : null}
      {transfer.family.data && recipients.length === 0 ? (
        <View className="lk-card">
          <EmptyState
            className="e2e-family-transfer-empty"
            title="还没有绑定的家人"
            description="先在“亲情代办”里与家人绑定，就可以把时间转给住在街道里任何社区的家人"
          >
            <Button
              className="lk-button-block"
              type="primary"
              shape="round"
              block
              onClick={() => void Taro.navigateTo({ url: routes.family })}
            >
              去绑定家人
            </Button>
          </EmptyState>
        </View>
      ) : null}

      {recipients.length ? (
        <View className="lk-card e2e-family-transfer-form">
          <Text className="lk-muted">可用：{available === null ? '—' : minutesToHours(available)}</Text>
          <Text className="lk-help-label">转给谁</Text>
          {recipients.map((r) => (
            <View
              key={r.userId}
              className={`lk-help-row e2e-family-recipient e2e-family-recipient-${r.userId}`}
              onClick={() => setChosen(r)}
            >
              <View className="lk-help-row__main">
                <Text className="lk-help-row__name">{r.name}</Text>
                <Text className="lk-muted">{placeOf(r)}</Text>
              </View>
              <Text className={`lk-help-chip${chosen?.userId === r.userId ? ' lk-help-chip--on' : ''}`}>
                {chosen?.userId === r.userId ? '已选' : '选择'}
              </Text>
            </View>
          ))}
          <Text className="lk-help-label">转多少</Text>
          <View className="lk-help-chips">
            {presets.map((p) => (
              <Text
                key={p}
                className={`lk-help-chip e2e-family-preset-${p}${minutes === String(p) ? ' lk-help-chip--on' : ''}`}
                onClick={() => setMinutes(String(p))}
              >
                {minutesToHours(p)}
              </Text>
            ))}
          </View>
          <Input
            className="lk-help-input e2e-family-minutes"
            type="number"
            placeholder="或输入分钟数"
            maxLength={6}
            value={minutes}
            onChange={(value) => setMinutes(value.replace(/\D/g, ''))}
          />
          <Text className="lk-help-label">留言</Text>
          <Input
            className="lk-help-input e2e-family-memo"
            placeholder="如：给妈妈的"
            maxLength={MEMO_MAX}
            value={memo}
            onChange={setMemo}
          />
          {problem ? <Text className="lk-form-error e2e-family-problem">{problem}</Text> : null}
          {transfer.error ? <Text className="lk-form-error e2e-family-transfer-error">{transfer.error}</Text> : null}
          {transfer.retryable ? (
            <Button
              className="lk-button-block"
              type="warning"
              shape="round"
              block
              loading={transfer.submitting}
              onClick={() => void transfer.retry()}
            >
              重试这笔转赠
            </Button>
          ) : (
            <Button
              className="lk-button-block e2e-family-transfer-submit"
              type="primary"
              shape="round"
              block
              disabled={transfer.submitting}
              onClick={submit}
            >
              转赠
            </Button>
          )}
        </View>
      ) : null}

      {confirming && chosen ? (
        <ConfirmDialog
          title="确认亲情转赠"
          confirmText="确认转赠"
          confirmClassName="e2e-family-transfer-confirm"
          busy={transfer.submitting}
          onConfirm={() => void transfer.confirm()}
          onCancel={transfer.cancel}
        >
          <Text className="lk-dialog__row e2e-family-transfer-confirm-name">
            转给 {chosen.name}（{placeOf(chosen)}）
          </Text>
          <Text className="lk-dialog__big lk-dialog__big--hero">{minutesToHours(confirming.minutes)}</Text>
          <Text className="lk-dialog__row lk-muted">共 {confirming.minutes} 分钟，转出后不能撤回</Text>
          <Text className="lk-dialog__row">留言：{confirming.memo}</Text>
        </ConfirmDialog>
      ) : null}
    </PageShell>
  );
}
