import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import {
  HELP_LIMITS,
  helpRequestStatusLabels,
  minutesToHours,
  type HelpPerson,
  type HelpRequestView,
} from '@linli/shared-types';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { ListError, ListSkeleton } from '../../../../components/list-state';
import { Button } from '../../../../components/nutui';
import { PageShell } from '../../../../components/page-shell';
import { useHelpRequest } from '../../../../hooks/useHelpRequests';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { useSession } from '../../../../hooks/useSession';
import { formatShanghaiTime } from '../../../../lib/time';
import { routes } from '../../../../routes';
import { kindText, whenText } from '../../components/help-format';
import '../../components/help.scss';

type Dialog =
  { kind: 'choose'; helper: HelpPerson } | { kind: 'confirm' } | { kind: 'dispute' } | { kind: 'cancel' } | null;

/** What the request means for me now, in one line. */
function stateLine(r: HelpRequestView, role: 'poster' | 'helper' | 'neighbour'): string {
  if (r.status === 'open')
    return role === 'poster'
      ? r.offerCount
        ? `${r.offerCount} 位邻居报名了，请选一位`
        : '等待邻居报名'
      : r.offeredByMe
        ? '您已报名，等对方选定'
        : '需要帮忙';
  if (r.status === 'matched')
    return role === 'helper'
      ? '对方选了您：见面时扫对方的签到码'
      : `已选定 ${r.helper?.name ?? ''}，见面时请出示签到码`;
  if (r.status === 'started') return role === 'helper' ? '服务中，完成后点“服务完成”' : '服务中';
  if (r.status === 'done')
    return role === 'poster' ? '对方已完成，请确认并致谢（72 小时不处理将自动确认）' : '等对方确认';
  if (r.status === 'confirmed') return `已完成，${minutesToHours(r.rewardMinutes)} 已付给 ${r.helper?.name ?? '帮手'}`;
  if (r.status === 'disputed') return '有异议，社区工作人员会联系双方裁定';
  if (r.status === 'settled') return `社区已裁定：付给帮手 ${minutesToHours(r.settledMinutes ?? 0)}`;
  return '已取消，冻结的时长已退回';
}

export default function HelpDetailPage() {
  const router = useRouter();
  const id = Number(router.params.id ?? 0);
  const { user } = useSession();
  const help = useHelpRequest(Number.isInteger(id) ? id : 0);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [thanks, setThanks] = useState('');
  const [stars, setStars] = useState(5);
  const [reason, setReason] = useState('');
  usePullToRefresh(() => help.reload());

  const r = help.request;
  if (!r) {
    return (
      <PageShell className="lk-help">
        {help.loading ? <ListSkeleton rows={2} /> : null}
        {help.error ? (
          <ListError className="e2e-help-detail-error" message={help.error} onRetry={() => void help.reload()} />
        ) : null}
      </PageShell>
    );
  }
  const role = r.poster.id === user?.id ? 'poster' : r.helper?.id === user?.id ? 'helper' : 'neighbour';
  const close = () => setDialog(null);
  const after = (done: Promise<boolean>) => void done.then(close);

  return (
    <PageShell className="lk-help">
      <View className={`lk-card e2e-help-detail e2e-help-detail-${r.status}`}>
        <View className="lk-help-card__head">
          <Text className="lk-help-kind">{kindText(r.kind)}</Text>
          <Text className={`lk-help-status lk-help-status--${r.status} e2e-help-detail-status`}>
            {helpRequestStatusLabels[r.status]}
          </Text>
        </View>
        <Text className="lk-help-card__title">{r.title}</Text>
        <Text className="lk-help-card__line">{whenText(r.startAt, r.minutes)}</Text>
        <Text className="lk-help-card__line">地点：{r.place}</Text>
        <Text className="lk-help-card__line">
          发布人：{r.poster.name}
          {r.fundedBy === 'pool' ? '（社区帮扶，时长由社区支付）' : ''}
        </Text>
        {r.helper ? <Text className="lk-help-card__line">帮手：{r.helper.name}</Text> : null}
        <Text className="lk-help-reward e2e-help-detail-reward">酬谢 {minutesToHours(r.rewardMinutes)}</Text>
        {r.description ? <Text className="lk-help-detail__desc">{r.description}</Text> : null}
        <Text className="lk-help-label e2e-help-detail-line">{stateLine(r, role)}</Text>
        {r.thanks ? <Text className="lk-muted">致谢：{r.thanks}</Text> : null}
        {r.disputeReason ? <Text className="lk-muted">异议：{r.disputeReason}</Text> : null}
        {r.settleReason ? <Text className="lk-muted">裁定说明：{r.settleReason}</Text> : null}
      </View>

      {role === 'poster' && r.status === 'open' ? (
        <View className="lk-card">
          <Text className="lk-card__title">报名的邻居</Text>
          {r.offers.length === 0 ? <Text className="lk-muted e2e-help-no-offers">还没有人报名</Text> : null}
          {r.offers.map((offer) => (
            <View key={offer.helper.id} className={`lk-help-row e2e-help-offer e2e-help-offer-${offer.helper.id}`}>
              <View className="lk-help-row__main">
                <Text className="lk-help-row__name">{offer.helper.name}</Text>
                <Text className="lk-muted">{formatShanghaiTime(offer.createdAt)} 报名</Text>
              </View>
              <Button
                className="lk-tap e2e-help-choose"
                type="primary"
                onClick={() => setDialog({ kind: 'choose', helper: offer.helper })}
              >
                选 Ta
              </Button>
            </View>
          ))}
        </View>
      ) : null}

      {help.actionError ? <Text className="lk-form-error e2e-help-action-error">{help.actionError}</Text> : null}

      <View className="lk-card">
        {role === 'neighbour' && r.status === 'open' && !r.offeredByMe ? (
          <Button
            className="lk-button-block e2e-help-offer-button"
            type="primary"
            shape="round"
            block
            loading={help.busy === 'offer'}
            disabled={help.busy !== null}
            onClick={() => void help.offer()}
          >
            我来帮忙
          </Button>
        ) : null}
        {role === 'helper' && r.status === 'matched' ? (
          <Button
            className="lk-button-block e2e-help-arrive"
            type="primary"
            shape="round"
            block
            loading={help.busy === 'arrive'}
            disabled={help.busy !== null}
            onClick={() => void help.arrive()}
          >
            我已到达（扫对方签到码）
          </Button>
        ) : null}
        {role === 'helper' && r.status === 'started' ? (
          <Button
            className="lk-button-block e2e-help-done"
            type="primary"
            shape="round"
            block
            loading={help.busy === 'done'}
            disabled={help.busy !== null}
            onClick={() => void help.done()}
          >
            服务完成
          </Button>
        ) : null}
        {role === 'poster' && r.status === 'matched' ? (
          <Button
            className="lk-button-block e2e-help-show-code"
            type="primary"
            fill="outline"
            shape="round"
            block
            onClick={() => void Taro.navigateTo({ url: routes.myCode })}
          >
            出示我的签到码
          </Button>
        ) : null}
        {role === 'poster' && r.status === 'done' ? (
          <View className="lk-help-actions">
            <Button
              className="lk-help-actions__half e2e-help-confirm"
              type="primary"
              shape="round"
              disabled={help.busy !== null}
              onClick={() => setDialog({ kind: 'confirm' })}
            >
              确认并致谢
            </Button>
            <Button
              className="lk-help-actions__half e2e-help-dispute"
              type="danger"
              fill="outline"
              shape="round"
              disabled={help.busy !== null}
              onClick={() => setDialog({ kind: 'dispute' })}
            >
              有异议
            </Button>
          </View>
        ) : null}
        {role === 'poster' && (r.status === 'open' || r.status === 'matched') ? (
          <Button
            className="lk-button-block e2e-help-cancel"
            type="danger"
            fill="outline"
            shape="round"
            block
            disabled={help.busy !== null}
            onClick={() => setDialog({ kind: 'cancel' })}
          >
            取消求助
          </Button>
        ) : null}
      </View>

      {dialog?.kind === 'choose' ? (
        <ConfirmDialog
          title="选定帮手"
          confirmText={`选定 ${dialog.helper.name}`}
          confirmClassName="e2e-help-choose-confirm"
          busy={help.busy === 'choose'}
          onConfirm={() => after(help.choose(dialog.helper.id))}
          onCancel={close}
        >
          <Text className="lk-dialog__row e2e-help-choose-name">请 {dialog.helper.name} 来帮忙</Text>
          <Text className="lk-dialog__row lk-muted">其他报名的邻居会收到通知。见面时请出示您的签到码。</Text>
        </ConfirmDialog>
      ) : null}
      {dialog?.kind === 'confirm' ? (
        <ConfirmDialog
          title="确认并致谢"
          confirmText="确认付给对方"
          confirmClassName="e2e-help-confirm-confirm"
          busy={help.busy === 'confirm'}
          onConfirm={() => after(help.confirm(thanks, stars))}
          onCancel={close}
        >
          <Text className="lk-dialog__row e2e-help-confirm-name">付给 {r.helper?.name ?? '帮手'}</Text>
          <Text className="lk-dialog__big lk-dialog__big--hero">{minutesToHours(r.rewardMinutes)}</Text>
          <Text className="lk-dialog__row lk-muted">从冻结的时长中支付，确认后不能撤回</Text>
          <View className="lk-help-stars">
            {[1, 2, 3, 4, 5].map((n) => (
              <Text
                key={n}
                className={`lk-help-star e2e-help-star-${n}${n <= stars ? ' lk-help-star--on' : ''}`}
                onClick={() => setStars(n)}
              >
                {n <= stars ? '★' : '☆'}
              </Text>
            ))}
          </View>
          <Text className="lk-dialog__row lk-muted">{stars} 星</Text>
          <Textarea
            className="lk-help-textarea e2e-help-thanks"
            placeholder="说句感谢的话（可不填）"
            maxlength={HELP_LIMITS.thanksMax}
            value={thanks}
            onInput={(event) => setThanks(event.detail.value)}
          />
        </ConfirmDialog>
      ) : null}
      {dialog?.kind === 'dispute' ? (
        <ConfirmDialog
          title="提出异议"
          confirmText="提交异议"
          confirmClassName="e2e-help-dispute-confirm"
          danger
          busy={help.busy === 'dispute'}
          onConfirm={() => (reason.trim() ? after(help.dispute(reason)) : undefined)}
          onCancel={close}
        >
          <Text className="lk-dialog__row">社区工作人员会联系双方，裁定付给 {r.helper?.name ?? '帮手'} 多少时长</Text>
          <Textarea
            className="lk-help-textarea e2e-help-dispute-reason"
            placeholder="请写明原因（必填）"
            maxlength={HELP_LIMITS.reasonMax}
            value={reason}
            onInput={(event) => setReason(event.detail.value)}
          />
          {!reason.trim() ? <Text className="lk-muted">填写原因后才能提交</Text> : null}
        </ConfirmDialog>
      ) : null}
      {dialog?.kind === 'cancel' ? (
        <ConfirmDialog
          title="取消求助"
          confirmText="确认取消"
          cancelText="再想想"
          confirmClassName="e2e-help-cancel-confirm"
          danger
          busy={help.busy === 'cancel'}
          onConfirm={() => after(help.cancel())}
          onCancel={close}
        >
          <Text className="lk-dialog__row">冻结的 {minutesToHours(r.rewardMinutes)} 将全部退回您的余额</Text>
          {r.helper ? <Text className="lk-dialog__row lk-muted">{r.helper.name} 会收到通知</Text> : null}
        </ConfirmDialog>
      ) : null}
    </PageShell>
  );
}
