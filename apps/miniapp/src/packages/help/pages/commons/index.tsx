import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { hoursText, ledgerKindLabels, minutesToHours } from '@linli/shared-types';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { EmptyState } from '../../../../components/empty-state';
import { ListError, ListSkeleton } from '../../../../components/list-state';
import { Button, Input } from '../../../../components/nutui';
import { PageShell } from '../../../../components/page-shell';
import { useHelpCommons } from '../../../../hooks/useHelpCommons';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { useTimebankAccount } from '../../../../hooks/useTimebankAccount';
import { formatShanghaiTime } from '../../../../lib/time';
import '../../components/help.scss';

const presets = [30, 60, 120];

export default function CommonsPage() {
  const commons = useHelpCommons();
  const { account } = useTimebankAccount();
  const [minutes, setMinutes] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  usePullToRefresh(() => commons.reload());
  const available = account?.available ?? null;

  const submit = () => {
    const value = /^\d{1,6}$/.test(minutes.trim()) ? Number(minutes.trim()) : 0;
    if (value < 1) return setProblem('请输入捐赠的分钟数，至少 1 分钟');
    if (available !== null && value > available) return setProblem(`可用时长不足：您现在可用 ${available} 分钟`);
    setProblem(null);
    setConfirming(value);
  };

  return (
    <PageShell className="lk-help">
      {commons.loading && !commons.data ? <ListSkeleton rows={1} /> : null}
      {commons.error && !commons.data ? (
        <ListError className="e2e-commons-error" message={commons.error} onRetry={() => void commons.reload()} />
      ) : null}
      {commons.data ? (
        <View className="lk-card lk-help-hero e2e-commons">
          <Text className="lk-help-balance__label">本社区公益池</Text>
          <Text className="lk-help-hero__amount e2e-commons-balance">
            {hoursText(commons.data.balance)}
            <Text className="lk-help-hero__unit">小时</Text>
          </Text>
          <Text className="lk-muted">来自邻居的捐赠和超出账户上限的时长，用于帮扶社区里需要帮助的人，收支公开</Text>
        </View>
      ) : null}

      <View className="lk-card">
        <Text className="lk-card__title">我也捐一点</Text>
        <Text className="lk-muted">可用：{available === null ? '—' : minutesToHours(available)}</Text>
        <View className="lk-help-chips">
          {presets.map((p) => (
            <Text
              key={p}
              className={`lk-help-chip e2e-donate-preset-${p}${minutes === String(p) ? ' lk-help-chip--on' : ''}`}
              onClick={() => setMinutes(String(p))}
            >
              {minutesToHours(p)}
            </Text>
          ))}
        </View>
        <Input
          className="lk-help-input e2e-donate-minutes"
          type="number"
          placeholder="或输入分钟数"
          maxLength={6}
          value={minutes}
          onChange={(value) => setMinutes(value.replace(/\D/g, ''))}
        />
        {problem ? <Text className="lk-form-error">{problem}</Text> : null}
        {commons.donateError ? <Text className="lk-form-error e2e-donate-error">{commons.donateError}</Text> : null}
        {commons.donated ? (
          <Text className="lk-help-label e2e-donate-done">
            谢谢您！已捐出 {minutesToHours(Math.abs(commons.donated.transaction.amount))}
          </Text>
        ) : null}
        <Button
          className="lk-button-block e2e-donate-submit"
          type="primary"
          shape="round"
          block
          disabled={commons.donating}
          onClick={submit}
        >
          捐赠
        </Button>
      </View>

      <Text className="lk-help-section">最近的收支</Text>
      {commons.data && commons.data.flows.length === 0 ? (
        <View className="lk-card">
          <EmptyState className="e2e-commons-empty" title="公益池还没有收支" />
        </View>
      ) : null}
      {commons.data?.flows.map((flow) => (
        <View key={flow.id} className="lk-card e2e-commons-flow">
          <View className="lk-help-card__head">
            <Text className="lk-help-kind">{ledgerKindLabels[flow.kind]}</Text>
            <Text className="lk-help-reward">
              {flow.amount > 0 ? '+' : '-'}
              {hoursText(Math.abs(flow.amount))} 小时
            </Text>
          </View>
          <Text className="lk-help-card__line">
            {flow.amount > 0 ? '来自' : '付给'}：{flow.counterparty}
          </Text>
          {flow.memo ? <Text className="lk-help-card__line">{flow.memo}</Text> : null}
          <Text className="lk-muted">{formatShanghaiTime(flow.createdAt)}</Text>
        </View>
      ))}

      {confirming !== null ? (
        <ConfirmDialog
          title="确认捐赠"
          confirmText="确认捐赠"
          confirmClassName="e2e-donate-confirm"
          busy={commons.donating}
          onConfirm={() =>
            void commons.donate(confirming).then((ok) => {
              setConfirming(null);
              if (ok) setMinutes('');
            })
          }
          onCancel={() => setConfirming(null)}
        >
          <Text className="lk-dialog__row e2e-donate-confirm-name">捐给 本社区公益池</Text>
          <Text className="lk-dialog__big lk-dialog__big--hero">{minutesToHours(confirming)}</Text>
          <Text className="lk-dialog__row lk-muted">共 {confirming} 分钟，捐出后不能撤回，收支所有居民可见</Text>
        </ConfirmDialog>
      ) : null}
    </PageShell>
  );
}
