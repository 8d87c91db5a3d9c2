import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { minutesToHours, type TransferRecipient } from '@linli/shared-types';
import { PageShell } from '../../../../components/page-shell';
import { ListError, ListSkeleton } from '../../../../components/list-state';
import { Button, Input } from '../../../../components/nutui';
import { useSession } from '../../../../hooks/useSession';
import { useTimebankAccount } from '../../../../hooks/useTimebankAccount';
import {
  checkTransferDraft,
  emptyTransferDraft,
  TRANSFER_MEMO_MAX,
  useTransfer,
  type TransferDraft,
  type TransferField,
} from '../../../../hooks/useTransfer';
import { recipientPlace, useRecipientSearch } from '../../../../hooks/useRecipientSearch';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { NotVerified } from '../../components/not-verified';
import { hoursWithMinutes } from '../../components/format';
import '../../components/timebank.scss';
import './index.scss';

/** Quick amounts: elders tap one instead of typing. */
const presets = [
  { minutes: 30, label: '30 分钟' },
  { minutes: 60, label: '1 小时' },
  { minutes: 120, label: '2 小时' },
];

export default function TransferPage() {
  const { account, loading, error: accountError, notVerified, reload } = useTimebankAccount();
  const { user } = useSession();
  const transfer = useTransfer();
  const router = useRouter();
  // ?to=<userId>: a later personal-code scan can open the form with the recipient filled in.
  const [draft, setDraft] = useState<TransferDraft>(() => ({
    ...emptyTransferDraft,
    recipient: /^\d+$/.test(router.params.to ?? '') ? router.params.to! : '',
  }));
  const [problems, setProblems] = useState<Partial<Record<TransferField, string>>>({});
  // Name search: tapping a match fills the account number; typing a number stays the fallback.
  const [typedName, setTypedName] = useState('');
  const [chosen, setChosen] = useState<TransferRecipient | null>(null);
  const search = useRecipientSearch(chosen ? '' : typedName);
  const choose = (recipient: TransferRecipient) => {
    setChosen(recipient);
    setTypedName(recipient.name);
    change('recipient', String(recipient.userId));
  };

  const balance = account?.balance ?? null;
  const change = (field: TransferField, value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setProblems((current) => ({ ...current, [field]: undefined }));
  };

  const submit = async () => {
    const checked = checkTransferDraft(draft, { selfUserId: user?.id ?? null, balance });
    setProblems(checked.problems);
    if (!checked.request) return;
    // A typed number is looked up first: an unknown one is refused here, before any dialog.
    const problem = await transfer.ask(checked.request, chosen);
    if (problem) setProblems((current) => ({ ...current, recipient: problem }));
  };

  const again = () => {
    setChosen(null);
    setTypedName('');
    setDraft(emptyTransferDraft);
    setProblems({});
    transfer.reset();
  };

  if (notVerified) {
    return (
      <PageShell className="lk-transfer">
        <NotVerified />
      </PageShell>
    );
  }

  const done = transfer.result;
  if (done) {
    const { transaction } = done;
    return (
      <PageShell className="lk-transfer">
        <View className="lk-card lk-done e2e-transfer-done">
          <Text className="lk-done__mark">✓</Text>
          <Text className="lk-done__title">转赠成功</Text>
          <Text className="lk-done__text e2e-transfer-done-text">
            已转给 {transaction.counterparty.name} {minutesToHours(Math.abs(transaction.amount))}
          </Text>
          <Text className="lk-done__text lk-muted">留言：{transaction.memo}</Text>
          <Text className="lk-done__text">您的余额：{hoursWithMinutes(done.balance)}</Text>
          <Button
            className="lk-button-block e2e-transfer-back"
            type="primary"
            shape="round"
            block
            onClick={() => void Taro.navigateBack()}
          >
            返回时间银行
          </Button>
          <Button
            className="lk-button-block e2e-transfer-again"
            type="primary"
            fill="outline"
            shape="round"
            block
            onClick={again}
          >
            再转一笔
          </Button>
        </View>
      </PageShell>
    );
  }

  const minutesValue = /^\d{1,6}$/.test(draft.minutes.trim()) ? Number(draft.minutes.trim()) : null;
  const confirming = transfer.confirming;

  return (
    <PageShell className="lk-transfer">
      {!account && loading ? <ListSkeleton rows={1} /> : null}
      {!account && accountError ? <ListError message={accountError} onRetry={() => void reload()} /> : null}

      <View className="lk-card lk-transfer__form e2e-transfer-form">
        <Text className="lk-transfer__balance e2e-transfer-balance">
          可转余额：{balance === null ? '—' : hoursWithMinutes(balance)}
        </Text>

        <Text className="lk-transfer__label">转给谁（输入姓名查找）</Text>
        <Input
          className="lk-transfer__input e2e-recipient-search"
          type="text"
          placeholder="如：陈"
          maxLength={20}
          clearable
          value={typedName}
          onChange={(value) => {
            setTypedName(value);
            if (chosen) {
              setChosen(null);
              change('recipient', '');
            }
          }}
          onClear={() => {
            setTypedName('');
            if (chosen) {
              setChosen(null);
              change('recipient', '');
            }
          }}
        />
        {search.loading ? <Text className="lk-tb-hint">正在查找…</Text> : null}
        {search.error ? <Text className="lk-form-error e2e-recipient-search-error">{search.error}</Text> : null}
        {!chosen && search.query && !search.loading && !search.error && !search.items.length ? (
          <Text className="lk-tb-hint e2e-recipient-none">
            本社区没有找到“{search.query}”，请核对姓名，或在下面输入账户编号
          </Text>
        ) : null}
        {!chosen && search.items.length ? (
          <View className="lk-transfer__options">
            {search.items.map((recipient) => (
              <View
                key={recipient.userId}
                className={`lk-transfer__option e2e-recipient-option e2e-recipient-option-${recipient.userId}`}
                onClick={() => choose(recipient)}
              >
                <Text className="lk-transfer__option-name">{recipient.name}</Text>
                <Text className="lk-transfer__option-place">{recipientPlace(recipient) || '本社区'}</Text>
              </View>
            ))}
          </View>
        ) : null}
        {chosen ? (
          <Text className="lk-transfer__chosen e2e-recipient-chosen">
            已选：{chosen.name}
            {recipientPlace(chosen) ? `（${recipientPlace(chosen)}）` : ''}
          </Text>
        ) : null}

        <Text className="lk-transfer__label">或输入对方的账户编号</Text>
        <Input
          className="lk-transfer__input e2e-transfer-recipient"
          type="digit"
          placeholder="如 12"
          maxLength={9}
          value={draft.recipient}
          onChange={(value) => {
            if (chosen && value !== String(chosen.userId)) setChosen(null);
            change('recipient', value);
          }}
        />
        <Text className="lk-tb-hint">请对方打开 我的 → 时间银行，念出“我的账户编号”</Text>
        {problems.recipient ? (
          <Text className="lk-form-error e2e-transfer-recipient-error">{problems.recipient}</Text>
        ) : null}

        <Text className="lk-transfer__label">转赠时间（分钟）</Text>
        <Input
          className="lk-transfer__input e2e-transfer-minutes"
          type="number"
          placeholder="整数分钟，如 30"
          maxLength={6}
          value={draft.minutes}
          onChange={(value) => change('minutes', value.replace(/\D/g, ''))}
        />
        <View className="lk-transfer__presets">
          {presets.map((preset) => (
            <Text
              key={preset.minutes}
              className={`lk-transfer__preset e2e-transfer-preset-${preset.minutes}${minutesValue === preset.minutes ? ' lk-transfer__preset--on' : ''}`}
              onClick={() => change('minutes', String(preset.minutes))}
            >
              {preset.label}
            </Text>
          ))}
        </View>
        {minutesValue ? <Text className="lk-tb-hint e2e-transfer-hours">= {minutesToHours(minutesValue)}</Text> : null}
        {problems.minutes ? <Text className="lk-form-error e2e-transfer-minutes-error">{problems.minutes}</Text> : null}

        <Text className="lk-transfer__label">留言</Text>
        <Input
          className="lk-transfer__input e2e-transfer-memo"
          placeholder="如：谢谢帮我买菜"
          maxLength={TRANSFER_MEMO_MAX}
          value={draft.memo}
          onChange={(value) => change('memo', value)}
        />
        <Text className="lk-tb-hint">
          {draft.memo.trim().length}/{TRANSFER_MEMO_MAX} 字，对方会在消息里看到
        </Text>
        {problems.memo ? <Text className="lk-form-error e2e-transfer-memo-error">{problems.memo}</Text> : null}

        {transfer.error ? <Text className="lk-form-error e2e-transfer-error">{transfer.error}</Text> : null}
        {transfer.retryable ? (
          <Button
            className="lk-button-block e2e-transfer-retry"
            type="warning"
            shape="round"
            block
            loading={transfer.submitting}
            disabled={transfer.submitting}
            onClick={() => void transfer.retry()}
          >
            重试这笔转赠
          </Button>
        ) : (
          <Button
            className="lk-button-block e2e-transfer-submit"
            type="primary"
            shape="round"
            block
            loading={transfer.checking}
            disabled={transfer.submitting || transfer.checking || balance === null}
            onClick={() => void submit()}
          >
            转赠
          </Button>
        )}
      </View>

      {confirming ? (
        <ConfirmDialog
          title="确认转赠"
          confirmText="确认转赠"
          confirmClassName="e2e-transfer-confirm"
          busy={transfer.submitting}
          onConfirm={() => void transfer.confirm()}
          onCancel={transfer.cancel}
        >
          {transfer.recipient ? (
            <Text className="lk-dialog__row e2e-transfer-confirm-name">
              转给 {transfer.recipient.name}
              {recipientPlace(transfer.recipient) ? `（${recipientPlace(transfer.recipient)}）` : ''}，账户编号 #
              {confirming.toUserId}
            </Text>
          ) : null}
          <Text className="lk-dialog__big lk-dialog__big--hero e2e-transfer-confirm-amount">
            {minutesToHours(confirming.minutes)}
          </Text>
          <Text className="lk-dialog__row lk-muted">共 {confirming.minutes} 分钟，转出后不能撤回</Text>
          <Text className="lk-dialog__row">留言：{confirming.memo}</Text>
          {balance !== null ? (
            <Text className="lk-dialog__row lk-muted">转出后余额：{minutesToHours(balance - confirming.minutes)}</Text>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </PageShell>
  );
}
