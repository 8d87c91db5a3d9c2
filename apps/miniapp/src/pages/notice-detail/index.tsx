import { useMemo } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { RichText, Text, View } from '@tarojs/components';
import { noticeCategoryLabels, type NoticeView } from '@linli/shared-types';
import { PageShell } from '../../components/page-shell';
import { ListError, ListSkeleton } from '../../components/list-state';
import { Button } from '../../components/nutui';
import { useNotice } from '../../hooks/useNotice';
import { useSession } from '../../hooks/useSession';
import { speakableText, useReadAloud } from '../../hooks/useReadAloud';
import { renderNoticeMarkdown } from '../../lib/notice-markdown';
import { richTextDecodesEntities } from '../../platform/rich-text';
import { formatShanghaiTime } from '../../lib/time';
import { goHome, routes } from '../../routes';
import './index.scss';

function parseId(raw: string | undefined): number | null {
  return raw && /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

function AckSection({ notice, state }: { notice: NoticeView; state: ReturnType<typeof useNotice> }) {
  const { user } = useSession();
  if (!notice.requiresAck) return null;

  if (notice.acknowledged) {
    return (
      <View className="lk-card lk-notice-ack lk-notice-ack--done e2e-notice-acked">
        <Text className="lk-notice-ack__check">✓</Text>
        <View className="lk-notice-ack__text">
          <Text className="lk-notice-ack__title">已确认</Text>
          {notice.acknowledgedAt ? (
            <Text className="lk-muted">{`确认于 ${formatShanghaiTime(notice.acknowledgedAt)}`}</Text>
          ) : null}
        </View>
      </View>
    );
  }

  const goVerify = () => void Taro.switchTab({ url: routes.me });
  // Pending residents may read notices but not confirm them: say so before they tap.
  if (user?.role === 'resident' && user.status === 'pending') {
    return (
      <View className="lk-card lk-notice-ack e2e-notice-ack-blocked">
        <Text className="lk-notice-ack__title">请先完成住户认证</Text>
        <Text className="lk-muted">社区工作人员核实您的住址后，即可点击“已知晓”确认收到本通知。</Text>
        <Button className="lk-button-block" type="primary" shape="round" block onClick={goVerify}>
          去认证
        </Button>
      </View>
    );
  }

  const confirm = async () => {
    if (await state.acknowledge()) void Taro.showToast({ title: '已确认', icon: 'success' });
  };

  return (
    <View className="lk-card lk-notice-ack">
      <Text className="lk-notice-ack__title">本通知需要您确认</Text>
      <Text className="lk-muted">看完后请点击下方按钮，网格员就知道您家已收到。</Text>
      <Button
        className="lk-button-block lk-notice-ack__button e2e-notice-ack"
        type="primary"
        shape="round"
        size="large"
        block
        loading={state.acknowledging}
        disabled={state.acknowledging}
        onClick={() => void confirm()}
      >
        已知晓
      </Button>
      {state.ackError ? (
        <View className="lk-notice-ack__error">
          <Text className="lk-form-error e2e-notice-ack-error">{state.ackError}</Text>
          {state.needsVerification ? (
            <Text className="lk-notice-ack__link" onClick={goVerify}>
              去认证
            </Text>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

export default function NoticeDetailPage() {
  const router = useRouter();
  const id = parseId(router.params.id);
  const state = useNotice(id);
  const { notice } = state;
  const source = notice?.body;
  const body = useMemo(
    () => (source ? renderNoticeMarkdown(source, { escapeEntities: richTextDecodesEntities }) : []),
    [source],
  );
  const spoken = useMemo(() => (notice ? `${notice.title}。\n${speakableText(notice.body)}` : ''), [notice]);
  const readAloud = useReadAloud(spoken);

  return (
    <PageShell className="lk-notice-detail">
      {state.loading && !notice ? <ListSkeleton rows={1} /> : null}
      {state.error && !notice ? (
        <ListError
          className="e2e-notice-detail-error"
          message={state.error}
          onRetry={() => void (id ? state.reload() : goHome())}
        />
      ) : null}

      {notice ? (
        <View>
          <View className="lk-card lk-notice-detail__card e2e-notice-detail">
            <View className="lk-notice-detail__tags">
              {notice.pinned ? <Text className="lk-mark lk-mark--pinned">置顶</Text> : null}
              <Text className="lk-mark e2e-notice-category">{noticeCategoryLabels[notice.category]}</Text>
              {notice.requiresAck ? (
                <Text className={`lk-mark ${notice.acknowledged ? 'lk-mark--acked' : 'lk-mark--ack'}`}>
                  {notice.acknowledged ? '已确认' : '需确认'}
                </Text>
              ) : null}
            </View>
            <Text className="lk-notice-detail__title e2e-notice-title">{notice.title}</Text>
            <Text className="lk-muted lk-notice-detail__time e2e-notice-time">
              {`发布于 ${formatShanghaiTime(notice.publishAt ?? notice.createdAt)}`}
            </Text>
            {readAloud.available ? (
              <Button
                className="lk-notice-detail__read-aloud e2e-notice-read-aloud"
                type="primary"
                fill="outline"
                shape="round"
                onClick={readAloud.toggle}
              >
                {readAloud.speaking ? '停止朗读' : '朗读'}
              </Button>
            ) : null}
            <RichText className="lk-notice-detail__body e2e-notice-body" nodes={body} userSelect />
          </View>
          <AckSection notice={notice} state={state} />
        </View>
      ) : null}
    </PageShell>
  );
}
