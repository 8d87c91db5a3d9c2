import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Text, Textarea, View } from '@tarojs/components';
import {
  HELP_LIMITS,
  helpRequestKindLabels,
  helpRequestKinds,
  minutesToHours,
  type HelpRequestKind,
} from '@linli/shared-types';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { ListError, ListSkeleton } from '../../../../components/list-state';
import { Button, Input } from '../../../../components/nutui';
import { PageShell } from '../../../../components/page-shell';
import {
  checkHelpDraft,
  emptyHelpDraft,
  usePostHelpRequest,
  type HelpDraft,
  type HelpField,
} from '../../../../hooks/useHelpRequests';
import { useTimebankAccount } from '../../../../hooks/useTimebankAccount';
import { inShanghai } from '../../../../lib/time';
import { helpPages } from '../../../../services/help';
import type { CreateHelpRequest } from '@linli/shared-types';
import { kindIcons, whenText } from '../../components/help-format';
import '../../components/help.scss';

const lengths = [30, 60, 90, 120, 180];
const rewards = [30, 60, 120];

/** 尽快: the next quarter hour at least 15 minutes from now (a neighbour needs time to come). */
function soonest(now: Date): { date: string; time: string } {
  const quarter = 15 * 60_000;
  const at = inShanghai(new Date(Math.ceil((now.getTime() + quarter) / quarter) * quarter));
  return { date: at.format('YYYY-MM-DD'), time: at.format('HH:mm') };
}

function dayChoices(now: Date) {
  const today = inShanghai(now);
  return [0, 1, 2].map((offset) => ({
    label: ['今天', '明天', '后天'][offset],
    date: today.add(offset, 'day').format('YYYY-MM-DD'),
  }));
}

export default function HelpPostPage() {
  const { account, loading, error: accountError, reload } = useTimebankAccount();
  const post = usePostHelpRequest();
  const [draft, setDraft] = useState<HelpDraft>(emptyHelpDraft);
  const [problems, setProblems] = useState<Partial<Record<HelpField, string>>>({});
  const [confirming, setConfirming] = useState<CreateHelpRequest | null>(null);
  const available = account?.available ?? null;
  const now = new Date();

  const change = <K extends HelpField>(field: K, value: HelpDraft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setProblems((current) => ({ ...current, [field]: undefined, ...(field === 'time' ? { date: undefined } : {}) }));
  };

  const submit = () => {
    const checked = checkHelpDraft(draft, { available, now: new Date() });
    setProblems(checked.problems);
    if (checked.request) setConfirming(checked.request);
  };

  if (post.posted) {
    const posted = post.posted;
    return (
      <PageShell className="lk-help">
        <View className="lk-card lk-done e2e-help-posted">
          <Text className="lk-done__mark">✓</Text>
          <Text className="lk-done__title">求助已发布</Text>
          <Text className="lk-done__text">{posted.title}</Text>
          <Text className="lk-done__text lk-muted">
            已冻结 {minutesToHours(posted.rewardMinutes)}，邻居帮忙并经您确认后付给对方；取消会退回
          </Text>
          <Button
            className="lk-button-block e2e-help-posted-open"
            type="primary"
            shape="round"
            block
            onClick={() => void Taro.redirectTo({ url: `${helpPages.detail}?id=${posted.id}` })}
          >
            查看这条求助
          </Button>
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell className="lk-help">
      {!account && loading ? <ListSkeleton rows={1} /> : null}
      {!account && accountError ? <ListError message={accountError} onRetry={() => void reload()} /> : null}
      <View className="lk-card e2e-help-form">
        <Text className="lk-muted e2e-help-form-available">
          可用时长：{available === null ? '—' : `${minutesToHours(available)}（${available} 分钟）`}
        </Text>

        <Text className="lk-help-label">需要什么帮助</Text>
        <View className="lk-help-chips">
          {helpRequestKinds.map((kind: HelpRequestKind) => (
            <Text
              key={kind}
              className={`lk-help-chip e2e-help-kind-${kind}${draft.kind === kind ? ' lk-help-chip--on' : ''}`}
              onClick={() => change('kind', kind)}
            >
              {kindIcons[kind]} {helpRequestKindLabels[kind]}
            </Text>
          ))}
        </View>
        {problems.kind ? <Text className="lk-form-error">{problems.kind}</Text> : null}

        <Text className="lk-help-label">一句话说明</Text>
        <Input
          className="lk-help-input e2e-help-title-input"
          placeholder="如：陪我去社区医院复诊"
          maxLength={HELP_LIMITS.titleMax}
          value={draft.title}
          onChange={(value) => change('title', value)}
        />
        {problems.title ? <Text className="lk-form-error e2e-help-title-error">{problems.title}</Text> : null}

        <Text className="lk-help-label">详细说明（可不填）</Text>
        <Textarea
          className="lk-help-textarea e2e-help-description"
          placeholder="需要帮忙的细节、注意事项"
          maxlength={HELP_LIMITS.descriptionMax}
          value={draft.description}
          onInput={(event) => change('description', event.detail.value)}
        />
        {problems.description ? <Text className="lk-form-error">{problems.description}</Text> : null}

        <Text className="lk-help-label">什么时候</Text>
        <View className="lk-help-chips">
          <Text
            className="lk-help-chip e2e-help-soon"
            onClick={() => {
              const at = soonest(new Date());
              change('date', at.date);
              change('time', at.time);
            }}
          >
            尽快
          </Text>
          {dayChoices(now).map((day) => (
            <Text
              key={day.date}
              className={`lk-help-chip${draft.date === day.date ? ' lk-help-chip--on' : ''}`}
              onClick={() => change('date', day.date)}
            >
              {day.label}
            </Text>
          ))}
          <Picker mode="date" value={draft.date} onChange={(event) => change('date', String(event.detail.value))}>
            <Text className="lk-help-chip">选日期</Text>
          </Picker>
          <Picker mode="time" value={draft.time} onChange={(event) => change('time', String(event.detail.value))}>
            <Text className="lk-help-chip">{draft.time ? `时间 ${draft.time}` : '选时间'}</Text>
          </Picker>
        </View>
        {draft.date && draft.time && !problems.date ? (
          <Text className="lk-muted e2e-help-when">
            {whenText(new Date(`${draft.date}T${draft.time}:00+08:00`).toISOString(), draft.minutes)}
          </Text>
        ) : null}
        {problems.date ? <Text className="lk-form-error e2e-help-date-error">{problems.date}</Text> : null}

        <Text className="lk-help-label">大约多久</Text>
        <View className="lk-help-chips">
          {lengths.map((minutes) => (
            <Text
              key={minutes}
              className={`lk-help-chip e2e-help-length-${minutes}${draft.minutes === minutes ? ' lk-help-chip--on' : ''}`}
              onClick={() => change('minutes', minutes)}
            >
              {minutes % 60 ? `${minutes} 分钟` : `${minutes / 60} 小时`}
            </Text>
          ))}
        </View>

        <Text className="lk-help-label">在哪里</Text>
        <Input
          className="lk-help-input e2e-help-place"
          placeholder="如：3栋2单元门口"
          maxLength={HELP_LIMITS.placeMax}
          value={draft.place}
          onChange={(value) => change('place', value)}
        />
        {problems.place ? <Text className="lk-form-error e2e-help-place-error">{problems.place}</Text> : null}

        <Text className="lk-help-label">酬谢时长（分钟，发布时冻结）</Text>
        <View className="lk-help-chips">
          {rewards.map((minutes) => (
            <Text
              key={minutes}
              className={`lk-help-chip e2e-help-reward-${minutes}${draft.rewardMinutes === String(minutes) ? ' lk-help-chip--on' : ''}`}
              onClick={() => change('rewardMinutes', String(minutes))}
            >
              {minutesToHours(minutes)}
            </Text>
          ))}
        </View>
        <Input
          className="lk-help-input e2e-help-reward"
          type="number"
          placeholder="或输入分钟数"
          maxLength={6}
          value={draft.rewardMinutes}
          onChange={(value) => change('rewardMinutes', value.replace(/\D/g, ''))}
        />
        {problems.rewardMinutes ? (
          <Text className="lk-form-error e2e-help-reward-error">{problems.rewardMinutes}</Text>
        ) : null}

        {post.error ? <Text className="lk-form-error e2e-help-post-error">{post.error}</Text> : null}
        <Button
          className="lk-button-block e2e-help-submit"
          type="primary"
          shape="round"
          block
          disabled={post.submitting || available === null}
          onClick={submit}
        >
          发布求助
        </Button>
      </View>

      {confirming ? (
        <ConfirmDialog
          title="确认发布"
          confirmText="发布并冻结"
          confirmClassName="e2e-help-submit-confirm"
          busy={post.submitting}
          onConfirm={() => void post.submit(confirming).then(() => setConfirming(null))}
          onCancel={() => setConfirming(null)}
        >
          <Text className="lk-dialog__row">{confirming.title}</Text>
          <Text className="lk-dialog__row lk-muted">{whenText(confirming.startAt, confirming.minutes)}</Text>
          <Text className="lk-dialog__big lk-dialog__big--hero">{minutesToHours(confirming.rewardMinutes)}</Text>
          <Text className="lk-dialog__row">将从您的余额中冻结，邻居帮忙后经您确认再付给对方；见面前取消会全部退回</Text>
          {available !== null ? (
            <Text className="lk-dialog__row lk-muted">
              冻结后可用：{minutesToHours(available - confirming.rewardMinutes)}
            </Text>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </PageShell>
  );
}
