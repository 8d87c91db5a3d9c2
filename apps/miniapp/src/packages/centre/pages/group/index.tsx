import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import {
  GROUP_NOTICE_BODY_MAX,
  GROUP_NOTICE_TITLE_MAX,
  groupKindLabels,
  groupStatusLabels,
  type GroupDetail,
  type GroupMemberView,
} from '@linli/shared-types';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState } from '../../../../components/empty-state';
import { ListError, ListSkeleton } from '../../../../components/list-state';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { Button, Input } from '../../../../components/nutui';
import {
  useAddGroupLeader,
  useGroupDetail,
  useJoinGroup,
  useLeaveGroup,
  usePostGroupNotice,
} from '../../../../hooks/useCentre';
import { useFreshOnReturn } from '../../../../hooks/useFreshOnReturn';
import { bookingTimeText, durationText } from '../../../../lib/bookings';
import { formatShanghaiTime } from '../../../../lib/time';
import { centrePages, idParam, openEvent } from '../../components/centre-pages';
import { BadLinkPage } from '../../components/parts';
import '../../components/centre.scss';

function NoticeDialog({ group, onDone, onCancel }: { group: GroupDetail; onDone(): void; onCancel(): void }) {
  const post = usePostGroupNotice();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = async () => {
    if (!title.trim() || !body.trim()) return setProblem('请填写标题和内容');
    const notice = await post.run(group.id, { title: title.trim(), body: body.trim() });
    if (notice) {
      void Taro.showToast({ title: '已发给全体成员', icon: 'success' });
      onDone();
    }
  };
  return (
    <ConfirmDialog
      title="发小组通知"
      confirmText="发送"
      confirmClassName="e2e-group-notice-send"
      busy={post.busy}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <Text className="lk-dialog__row">{`全体 ${group.memberCount} 位成员会在消息里收到。`}</Text>
      <Input
        className="lk-centre-input e2e-group-notice-title"
        placeholder="标题，如：本周二练习改到 19:30"
        maxLength={GROUP_NOTICE_TITLE_MAX}
        value={title}
        onChange={(value) => {
          setTitle(value);
          setProblem(null);
        }}
      />
      <Textarea
        className="lk-centre-textarea e2e-group-notice-body"
        placeholder="内容"
        maxlength={GROUP_NOTICE_BODY_MAX}
        value={body}
        onInput={(event) => {
          setBody(event.detail.value);
          setProblem(null);
        }}
      />
      {problem ? <Text className="lk-form-error">{problem}</Text> : null}
      {post.error ? <Text className="lk-form-error e2e-group-notice-error">{post.error}</Text> : null}
    </ConfirmDialog>
  );
}

type Pending = { kind: 'leave' } | { kind: 'notice' } | { kind: 'leader'; member: GroupMemberView } | null;

function Members({ group, onPromote }: { group: GroupDetail; onPromote(member: GroupMemberView): void }) {
  const members = group.members ?? [];
  const leading = group.myRole === 'leader';
  return (
    <View className="lk-card e2e-group-members">
      <Text className="lk-card__title">{`成员（${members.length}）`}</Text>
      {members.map((member) => (
        <View key={member.userId} className={`lk-centre-list__item e2e-group-member e2e-group-member-${member.userId}`}>
          <Text>{`${member.name ?? '邻居'}${member.role === 'leader' ? '（负责人）' : ''}`}</Text>
          {leading && member.role === 'member' ? (
            <Text className="lk-centre-list__action e2e-group-make-leader" onClick={() => onPromote(member)}>
              设为负责人
            </Text>
          ) : null}
        </View>
      ))}
    </View>
  );
}

/** Members see the group's calendar (room bookings and events); others its upcoming events open to all. */
function Calendar({ group }: { group: GroupDetail }) {
  const calendar = group.calendar;
  const inside = group.members !== null;
  return (
    <View className={`lk-card e2e-group-calendar${inside ? '' : ' e2e-group-open-events'}`}>
      <Text className="lk-card__title">{inside ? '小组日程' : '近期活动（欢迎邻居报名）'}</Text>
      {calendar.length === 0 ? (
        <EmptyState
          title={inside ? '近期没有安排' : '近期没有公开活动'}
          description={inside ? '负责人预约活动室或组织活动后会显示在这里' : '加入小组后可以看到小组的全部日程'}
        />
      ) : null}
      {calendar.map((entry) => (
        <View
          key={`${entry.kind}-${entry.id}`}
          className={`lk-centre-week__item e2e-group-calendar-${entry.kind}`}
          onClick={entry.kind === 'event' ? () => openEvent(entry.id) : undefined}
        >
          <View className="lk-centre-card__tags">
            <Text className="lk-mark">{entry.kind === 'event' ? '活动' : '活动室'}</Text>
            {entry.membersOnly ? <Text className="lk-mark">仅限成员</Text> : null}
          </View>
          <Text className="lk-centre-card__line">{entry.title}</Text>
          <Text className="lk-centre-card__line">{bookingTimeText(entry.startAt, entry.endAt)}</Text>
          <Text className="lk-muted lk-centre-card__line">{entry.place}</Text>
        </View>
      ))}
    </View>
  );
}

function Notices({ group }: { group: GroupDetail }) {
  const notices = group.notices ?? [];
  if (!notices.length) return null;
  return (
    <View className="lk-card e2e-group-notices">
      <Text className="lk-card__title">小组通知</Text>
      {notices.map((notice) => (
        <View key={notice.id} className="lk-centre-notice">
          <Text className="lk-centre-notice__title">{notice.title}</Text>
          <Text className="lk-centre-card__text">{notice.body}</Text>
          <Text className="lk-muted lk-centre-card__line">
            {`${notice.author.name ?? '负责人'} · ${formatShanghaiTime(notice.createdAt)}`}
          </Text>
        </View>
      ))}
    </View>
  );
}

/** One group: join or leave; members see members, notices and the calendar; leaders book, post and organise. */
export default function GroupPage() {
  const router = useRouter();
  const id = idParam(router.params.id);
  const detail = useGroupDetail(id);
  const join = useJoinGroup();
  const leave = useLeaveGroup();
  const promote = useAddGroupLeader();
  const [pending, setPending] = useState<Pending>(null);
  const group = detail.data;

  useFreshOnReturn(() => detail.reload(), detail.data !== undefined);

  if (id === null) {
    return <BadLinkPage what="小组" />;
  }

  const onJoin = async () => {
    if (!group) return;
    if (await join.run(group.id)) {
      void Taro.showToast({ title: '已加入小组', icon: 'success' });
      void detail.reload();
    }
  };
  const onLeave = async () => {
    if (!group) return;
    if (await leave.run(group.id)) {
      setPending(null);
      void Taro.showToast({ title: '已退出小组', icon: 'none' });
      void detail.reload();
    }
  };
  const onPromote = async (member: GroupMemberView) => {
    if (!group) return;
    if (await promote.run(group.id, member.userId)) {
      setPending(null);
      void Taro.showToast({ title: '已设为负责人', icon: 'success' });
      void detail.reload();
    }
  };

  const full = group?.memberCap !== null && group !== undefined && group.memberCount >= (group.memberCap ?? 0);
  return (
    <PageShell className="lk-centre-group">
      {!group && detail.loading ? <ListSkeleton rows={2} /> : null}
      {!group && detail.error ? <ListError message={detail.error} onRetry={() => void detail.reload()} /> : null}
      {group ? (
        <>
          <View className="lk-card e2e-group-summary">
            <View className="lk-centre-card__tags">
              <Text className="lk-mark">{groupKindLabels[group.kind]}</Text>
              <Text className={`lk-mark lk-centre-status--${group.status} e2e-group-status`}>
                {groupStatusLabels[group.status]}
              </Text>
              {group.myRole === 'leader' ? <Text className="lk-mark lk-mark--pinned">我是负责人</Text> : null}
              {group.myRole === 'member' ? <Text className="lk-mark lk-mark--acked">已加入</Text> : null}
            </View>
            <Text className="lk-centre-card__title e2e-group-name">{group.name}</Text>
            <Text className="lk-centre-card__text">{group.description}</Text>
            <Text className="lk-muted lk-centre-card__line e2e-group-count">
              {group.memberCap ? `成员 ${group.memberCount}/${group.memberCap} 人` : `成员 ${group.memberCount} 人`}
            </Text>
            <Text className="lk-muted lk-centre-card__line">{`发起人：${group.proposer.name ?? '邻居'}`}</Text>
            {group.status === 'declined' && group.declineReason ? (
              <Text className="lk-centre-result e2e-group-decline-reason">{`未通过：${group.declineReason}`}</Text>
            ) : null}
            {group.status === 'proposed' ? (
              <Text className="lk-centre-result">社区工作人员审核后，邻居就能加入。</Text>
            ) : null}
            {group.myRole === 'leader' && group.weekMinutesUsed !== null ? (
              <Text className="lk-muted lk-centre-card__line e2e-group-quota">
                {`本周活动室：已用 ${durationText(group.weekMinutesUsed)}，每周可用 ${durationText(group.weeklyQuotaMinutes)}`}
              </Text>
            ) : null}

            {group.status === 'approved' && !group.myRole ? (
              <Button
                className="lk-button-block e2e-group-join"
                type="primary"
                shape="round"
                block
                loading={join.busy}
                disabled={join.busy || full}
                onClick={() => void onJoin()}
              >
                {full ? '人数已满' : '加入小组'}
              </Button>
            ) : null}
            {join.error ? <Text className="lk-form-error e2e-group-join-error">{join.error}</Text> : null}
          </View>

          {group.myRole === 'leader' && group.status === 'approved' ? (
            <View className="lk-card e2e-group-leader">
              <Text className="lk-card__title">负责人</Text>
              <View className="lk-centre-actions">
                <Button
                  className="lk-centre-actions__button e2e-group-book"
                  type="primary"
                  shape="round"
                  onClick={() => void Taro.navigateTo({ url: `${centrePages.book}?groupId=${group.id}` })}
                >
                  预约活动室
                </Button>
                <Button
                  className="lk-centre-actions__button e2e-group-event-new"
                  type="primary"
                  fill="outline"
                  shape="round"
                  onClick={() => void Taro.navigateTo({ url: `${centrePages.eventNew}?groupId=${group.id}` })}
                >
                  组织活动
                </Button>
              </View>
              <Button
                className="lk-button-block e2e-group-notice"
                type="primary"
                fill="outline"
                shape="round"
                block
                onClick={() => setPending({ kind: 'notice' })}
              >
                发小组通知
              </Button>
            </View>
          ) : null}

          <Notices group={group} />
          {group.status === 'approved' || group.members ? <Calendar group={group} /> : null}
          {group.members ? (
            <Members group={group} onPromote={(member) => setPending({ kind: 'leader', member })} />
          ) : null}

          {group.myRole ? (
            <Button
              className="lk-button-block e2e-group-leave"
              type="danger"
              fill="outline"
              shape="round"
              block
              onClick={() => setPending({ kind: 'leave' })}
            >
              退出小组
            </Button>
          ) : null}

          {pending?.kind === 'leave' ? (
            <ConfirmDialog
              title="退出小组"
              confirmText="确认退出"
              confirmClassName="e2e-group-leave-confirm"
              danger
              busy={leave.busy}
              onConfirm={() => void onLeave()}
              onCancel={() => {
                leave.clearError();
                setPending(null);
              }}
            >
              <Text className="lk-dialog__big">{group.name}</Text>
              <Text className="lk-dialog__row">退出后将看不到小组的通知和日程，可以随时再加入。</Text>
              {leave.error ? <Text className="lk-form-error e2e-group-leave-error">{leave.error}</Text> : null}
            </ConfirmDialog>
          ) : null}
          {pending?.kind === 'leader' ? (
            <ConfirmDialog
              title="设为负责人"
              confirmText="确认"
              confirmClassName="e2e-group-leader-confirm"
              busy={promote.busy}
              onConfirm={() => void onPromote(pending.member)}
              onCancel={() => {
                promote.clearError();
                setPending(null);
              }}
            >
              <Text className="lk-dialog__big">{pending.member.name ?? '邻居'}</Text>
              <Text className="lk-dialog__row">负责人可以发通知、为小组预约活动室和组织活动。</Text>
              {promote.error ? <Text className="lk-form-error">{promote.error}</Text> : null}
            </ConfirmDialog>
          ) : null}
          {pending?.kind === 'notice' ? (
            <NoticeDialog
              group={group}
              onCancel={() => setPending(null)}
              onDone={() => {
                setPending(null);
                void detail.reload();
              }}
            />
          ) : null}
        </>
      ) : null}
    </PageShell>
  );
}
