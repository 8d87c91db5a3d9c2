import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import {
  REQUEST_COMMENT_MAX,
  REQUEST_REASON_MAX,
  requestCategoryLabels,
  requestSatisfactionLabels,
  type RequestDetail,
  type RequestSatisfaction,
} from '@linli/shared-types';
import { PageShell } from '../../../../components/page-shell';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { ListError, ListSkeleton } from '../../../../components/list-state';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { Button } from '../../../../components/nutui';
import { useRateRequest, useReopenRequest, useRequestDetail, useSecondRequest } from '../../../../hooks/useRequests';
import { formatShanghaiTime } from '../../../../lib/time';
import { LightBadge, PhotoRow, StatusBadge, placeText } from '../../components/parts';
import { RequestTimeline } from '../../components/timeline';
import '../../components/requests.scss';
import './index.scss';

const faces: Array<{ key: RequestSatisfaction; face: string }> = [
  { key: 'satisfied', face: '😊' },
  { key: 'basically', face: '🙂' },
  { key: 'dissatisfied', face: '🙁' },
];

/** What the clock runs against now, in a resident's words. */
function deadlineText(request: RequestDetail): string | null {
  if (!request.deadlineAt) return null;
  const when = formatShanghaiTime(request.deadlineAt);
  return request.status === 'submitted' ? `社区承诺 ${when} 前受理` : `社区承诺 ${when} 前办结`;
}

function RatingCard({ request, onDone }: { request: RequestDetail; onDone(next: RequestDetail): void }) {
  const rate = useRateRequest();
  const [resolved, setResolved] = useState<boolean | null>(null);
  const [satisfaction, setSatisfaction] = useState<RequestSatisfaction | null>(null);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const send = async () => {
    if (resolved === null) return setProblem('请先选择问题是否解决');
    if (!satisfaction) return setProblem('请点一个表情，说说您满不满意');
    setProblem(null);
    const answer = await rate.run(request.id, {
      resolved,
      satisfaction,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    });
    if (answer) {
      void Taro.showToast({ title: '谢谢您的评价', icon: 'success' });
      onDone(answer);
    }
  };

  return (
    <View className="lk-card lk-req-rate e2e-request-rate">
      <Text className="lk-card__title">回访评价</Text>
      <Text className="lk-req-label">问题解决了吗？</Text>
      <View className="lk-req-yesno">
        {[true, false].map((value) => (
          <Text
            key={String(value)}
            className={`lk-req-yesno__item e2e-rate-resolved-${value ? 'yes' : 'no'}${resolved === value ? ' lk-req-yesno__item--on' : ''}`}
            onClick={() => {
              setResolved(value);
              setProblem(null);
            }}
          >
            {value ? '已解决' : '没解决'}
          </Text>
        ))}
      </View>
      <Text className="lk-req-label">您满意吗？</Text>
      <View className="lk-req-faces">
        {faces.map(({ key, face }) => (
          <View
            key={key}
            className={`lk-req-face e2e-rate-${key}${satisfaction === key ? ' lk-req-face--on' : ''}`}
            onClick={() => {
              setSatisfaction(key);
              setProblem(null);
            }}
          >
            <Text className="lk-req-face__emoji">{face}</Text>
            <Text className="lk-req-face__label">{requestSatisfactionLabels[key]}</Text>
          </View>
        ))}
      </View>
      <Textarea
        className="lk-req-textarea lk-req-textarea--short e2e-rate-comment"
        placeholder="还想说点什么（可不填）"
        maxlength={REQUEST_COMMENT_MAX}
        value={comment}
        onInput={(event) => setComment(event.detail.value)}
      />
      {problem ? <Text className="lk-form-error">{problem}</Text> : null}
      {rate.error ? <Text className="lk-form-error e2e-rate-error">{rate.error}</Text> : null}
      <Button
        className="lk-button-block e2e-rate-submit"
        type="primary"
        shape="round"
        block
        loading={rate.busy}
        disabled={rate.busy}
        onClick={() => void send()}
      >
        提交评价
      </Button>
    </View>
  );
}

function ReopenDialog({
  request,
  onDone,
  onCancel,
}: {
  request: RequestDetail;
  onDone(next: RequestDetail): void;
  onCancel(): void;
}) {
  const reopen = useReopenRequest();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = async () => {
    if (!reason.trim()) return setProblem('请说明还有什么没解决');
    const answer = await reopen.run(request.id, reason.trim());
    if (answer) {
      void Taro.showToast({ title: '已申请重办', icon: 'success' });
      onDone(answer);
    }
  };
  return (
    <ConfirmDialog
      title="申请重办"
      confirmText="确认重办"
      confirmClassName="e2e-reopen-confirm"
      busy={reopen.busy}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <Text className="lk-dialog__row">每个诉求只能申请重办一次，社区会重新处理。</Text>
      <Textarea
        className="lk-req-textarea lk-req-textarea--short e2e-reopen-reason"
        placeholder="还有什么没解决？"
        maxlength={REQUEST_REASON_MAX}
        value={reason}
        onInput={(event) => {
          setReason(event.detail.value);
          setProblem(null);
        }}
      />
      {problem ? <Text className="lk-form-error">{problem}</Text> : null}
      {reopen.error ? <Text className="lk-form-error e2e-reopen-error">{reopen.error}</Text> : null}
    </ConfirmDialog>
  );
}

function Summary({ request, onSeconded }: { request: RequestDetail; onSeconded(seconds: number): void }) {
  const second = useSecondRequest();
  const place = placeText(request);
  const deadline = deadlineText(request);
  return (
    <View className="lk-card lk-req-summary e2e-request-summary">
      <View className="lk-req-card__tags">
        <StatusBadge status={request.status} />
        <LightBadge light={request.light} />
        <Text className="lk-mark">{requestCategoryLabels[request.category]}</Text>
        {request.urgent ? <Text className="lk-mark lk-mark--pinned">紧急</Text> : null}
        {request.public ? <Text className="lk-mark">公开</Text> : null}
      </View>
      <Text className="lk-req-summary__title e2e-request-title-text">{request.title}</Text>
      <Text className="lk-req-summary__text">{request.description}</Text>
      {place ? <Text className="lk-muted lk-req-summary__line">{`地点：${place}`}</Text> : null}
      <PhotoRow photos={request.photos} />
      <Text className="lk-muted lk-req-summary__line">{`提交于 ${formatShanghaiTime(request.createdAt)}`}</Text>
      {request.assignee ? (
        <Text className="lk-req-summary__line e2e-request-assignee">{`承办人：${request.assignee.name ?? '社区工作人员'}`}</Text>
      ) : null}
      {deadline ? <Text className="lk-req-summary__line e2e-request-deadline">{deadline}</Text> : null}
      {request.extensionDays ? (
        <Text className="lk-muted lk-req-summary__line">{`已延期 ${request.extensionDays} 天：${request.extensionReason ?? ''}`}</Text>
      ) : null}
      {request.resolution ? (
        <View className="lk-req-result e2e-request-resolution">
          <Text className="lk-req-result__title">办理结果</Text>
          <Text>{request.resolution}</Text>
        </View>
      ) : null}
      {request.referral ? (
        <View className="lk-req-result e2e-request-referral">
          <Text className="lk-req-result__title">{`已转办至：${request.referral.to}`}</Text>
          <Text>{`原因：${request.referral.reason}`}</Text>
        </View>
      ) : null}
      {request.rating ? (
        <View className="lk-req-result e2e-request-rating">
          <Text className="lk-req-result__title">
            {`您的评价：${request.rating.resolved ? '已解决' : '没解决'} · ${requestSatisfactionLabels[request.rating.satisfaction]}`}
          </Text>
          {request.rating.comment ? <Text>{request.rating.comment}</Text> : null}
        </View>
      ) : null}
      {request.public ? (
        <View className="lk-req-summary__second">
          <Text className="lk-muted e2e-request-seconds">{`${request.seconds} 位邻居也遇到`}</Text>
          {!request.mine && !request.secondedByMe ? (
            <Button
              className="lk-req-second e2e-request-second"
              type="primary"
              fill="outline"
              shape="round"
              loading={second.busy}
              disabled={second.busy}
              onClick={async () => {
                const answer = await second.run(request.id);
                if (answer) onSeconded(answer.seconds);
              }}
            >
              我也遇到
            </Button>
          ) : null}
          {request.secondedByMe ? <Text className="lk-req-second__done">✓ 您也遇到了</Text> : null}
        </View>
      ) : null}
      {second.error ? <Text className="lk-form-error">{second.error}</Text> : null}
    </View>
  );
}

export default function RequestDetailPage() {
  const router = useRouter();
  const id = /^\d+$/.test(router.params.id ?? '') ? Number(router.params.id) : null;
  const detail = useRequestDetail(id);
  const [replaced, setReplaced] = useState<RequestDetail | null>(null);
  const [reopening, setReopening] = useState(false);
  const request = replaced && replaced.id === id ? replaced : detail.data;

  usePullToRefresh(() => {
    setReplaced(null);
    return detail.reload();
  });

  const changed = (next: RequestDetail) => {
    // An action answers the request; the timeline may come only with a fresh read.
    setReplaced(next.timeline ? next : null);
    void detail.reload().then(() => setReplaced(null));
  };

  if (id === null) {
    return (
      <PageShell className="lk-req-detail">
        <ListError message="链接有误，找不到该诉求" onRetry={() => void Taro.navigateBack()} />
      </PageShell>
    );
  }

  return (
    <PageShell className="lk-req-detail">
      {!request && detail.loading ? <ListSkeleton rows={2} /> : null}
      {!request && detail.error ? <ListError message={detail.error} onRetry={() => void detail.reload()} /> : null}
      {router.params.created && request?.status === 'submitted' ? (
        <View className="lk-card lk-req-created e2e-request-created">
          <Text className="lk-req-created__title">✓ 已提交，社区会尽快受理</Text>
          <Text className="lk-muted">受理、处理、办结时您都会收到消息。</Text>
        </View>
      ) : null}
      {request ? (
        <>
          <Summary
            request={request}
            onSeconded={(seconds) => setReplaced({ ...request, seconds, secondedByMe: true })}
          />
          {request.canRate ? <RatingCard request={request} onDone={changed} /> : null}
          {request.canReopen ? (
            <View className="lk-card lk-req-reopen">
              <Text className="lk-muted">对办理结果不满意？办结 7 天内可申请重办一次。</Text>
              <Button
                className="lk-button-block e2e-request-reopen"
                type="warning"
                fill="outline"
                shape="round"
                block
                onClick={() => setReopening(true)}
              >
                申请重办
              </Button>
            </View>
          ) : null}
          <View className="lk-card">
            <Text className="lk-card__title">办理进度</Text>
            <RequestTimeline events={request.timeline ?? []} mine={request.mine} />
          </View>
          {reopening ? (
            <ReopenDialog
              request={request}
              onCancel={() => setReopening(false)}
              onDone={(next) => {
                setReopening(false);
                changed(next);
              }}
            />
          ) : null}
        </>
      ) : null}
    </PageShell>
  );
}
