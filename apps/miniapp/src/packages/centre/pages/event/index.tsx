import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import {
  EVENT_CANCEL_REASON_MAX,
  FEEDBACK_WORDS_MAX,
  THANKS_WORDS_MAX,
  groupKindLabels,
  moodLabels,
  moods,
  type EventDetail,
  type Mood,
} from '@linli/shared-types';
import { PageShell } from '../../../../components/page-shell';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { ListError, ListSkeleton } from '../../../../components/list-state';
import { Button } from '../../../../components/nutui';
import {
  useCancelEvent,
  useCancelEventSignup,
  useEventCheckIn,
  useEventDetail,
  useGroupDetail,
  useEventFeedback,
  useSignUpForEvent,
  useThankAtEvent,
} from '../../../../hooks/useCentre';
import { useMe } from '../../../../hooks/useMe';
import { useFreshOnReturn } from '../../../../hooks/useFreshOnReturn';
import { bookingTimeText } from '../../../../lib/bookings';
import { idParam, openGroup } from '../../components/centre-pages';
import {
  canCancel,
  canGiveFeedback,
  canSignUp,
  canThank,
  eventPhase,
  eventPhaseText,
  mySignupText,
  placesText,
} from '../../components/event-rules';
import { BadLinkPage } from '../../components/parts';
import '../../components/centre.scss';

const faces: Record<Mood, string> = { good: '😊', ok: '😐', bad: '😞' };

/** The two-tap card: a face, optional words, send. */
function FeedbackCard({ event, onDone }: { event: EventDetail; onDone(): void }) {
  const feedback = useEventFeedback();
  const [mood, setMood] = useState<Mood | null>(null);
  const [words, setWords] = useState('');
  const send = async () => {
    if (!mood) return;
    const answer = await feedback.run(event.id, { mood, ...(words.trim() ? { words: words.trim() } : {}) });
    if (answer) {
      void Taro.showToast({ title: '谢谢您的评价', icon: 'success' });
      onDone();
    }
  };
  return (
    <View className="lk-card e2e-event-feedback">
      <Text className="lk-card__title">这次活动怎么样？</Text>
      <View className="lk-centre-faces">
        {moods.map((key) => (
          <View
            key={key}
            className={`lk-centre-face e2e-feedback-${key}${mood === key ? ' lk-centre-face--on' : ''}`}
            onClick={() => setMood(key)}
          >
            <Text className="lk-centre-face__emoji">{faces[key]}</Text>
            <Text className="lk-centre-face__label">{moodLabels[key].slice(2).trim()}</Text>
          </View>
        ))}
      </View>
      <Text className="lk-centre-label">想说的话（可不填）</Text>
      <Textarea
        className="lk-centre-textarea e2e-feedback-words"
        placeholder="哪里好、哪里可以更好"
        maxlength={FEEDBACK_WORDS_MAX}
        value={words}
        onInput={(change) => setWords(change.detail.value)}
      />
      {feedback.error ? <Text className="lk-form-error e2e-feedback-error">{feedback.error}</Text> : null}
      <Button
        className="lk-button-block e2e-feedback-submit"
        type="primary"
        shape="round"
        block
        loading={feedback.busy}
        disabled={feedback.busy || !mood}
        onClick={() => void send()}
      >
        {mood ? '提交评价' : '请先点一个表情'}
      </Button>
    </View>
  );
}

/** 感谢: the organiser or a fellow attendee, who sees it in the inbox. */
function ThanksCard({ event, meId, onSent }: { event: EventDetail; meId: number | null; onSent(): void }) {
  const thank = useThankAtEvent();
  const [to, setTo] = useState<number | null>(null);
  const [words, setWords] = useState('');
  // Thanks are once per person: those already thanked (kept by the server) are marked, and so is one just sent.
  const [justSent, setJustSent] = useState<number[]>([]);
  const sent = [...event.thankedUserIds, ...justSent];
  const people = new Map<number, string>();
  if (event.organiser.id !== meId) people.set(event.organiser.id, `${event.organiser.name ?? '组织者'}（组织者）`);
  for (const person of event.attendees ?? []) {
    if (person.id !== meId && person.checkedIn && !people.has(person.id)) people.set(person.id, person.name ?? '邻居');
  }
  if (!people.size) return null;
  const send = async () => {
    if (to === null || !words.trim()) return;
    const answer = await thank.run(event.id, { toUserId: to, words: words.trim() });
    if (answer) {
      void Taro.showToast({ title: '感谢已送达', icon: 'success' });
      setJustSent((previous) => [...previous, to]);
      setTo(null);
      setWords('');
      onSent();
    }
  };
  return (
    <View className="lk-card e2e-event-thanks">
      <Text className="lk-card__title">说声感谢</Text>
      <Text className="lk-muted">对方会在消息里看到您的感谢。</Text>
      <View className="lk-centre-chips lk-centre-label">
        {[...people].map(([id, name]) => (
          <Text
            key={id}
            className={`lk-centre-chip e2e-thanks-to-${id}${to === id ? ' lk-centre-chip--on' : ''}${sent.includes(id) ? ' lk-centre-chip--off' : ''}`}
            onClick={() => (sent.includes(id) ? undefined : setTo(id))}
          >
            {sent.includes(id) ? `${name} ✓ 已感谢` : name}
          </Text>
        ))}
      </View>
      {to !== null ? (
        <>
          <Textarea
            className="lk-centre-textarea e2e-thanks-words"
            placeholder="如：谢谢王阿姨教我们包饺子！"
            maxlength={THANKS_WORDS_MAX}
            value={words}
            onInput={(change) => setWords(change.detail.value)}
          />
          {thank.error ? <Text className="lk-form-error e2e-thanks-error">{thank.error}</Text> : null}
          <Button
            className="lk-button-block e2e-thanks-send"
            type="primary"
            shape="round"
            block
            loading={thank.busy}
            disabled={thank.busy || !words.trim()}
            onClick={() => void send()}
          >
            送出感谢
          </Button>
        </>
      ) : null}
    </View>
  );
}

/** 取消活动: the organiser or a leader of its group, before it starts; the reason goes to everyone signed up. */
function CallOffDialog({ event, onDone, onCancel }: { event: EventDetail; onDone(): void; onCancel(): void }) {
  const callOff = useCancelEvent();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = async () => {
    if (!reason.trim()) return setProblem('请写明取消的原因，报名的邻居会收到');
    if (await callOff.run(event.id, reason.trim())) {
      void Taro.showToast({ title: '活动已取消', icon: 'none' });
      onDone();
    }
  };
  return (
    <ConfirmDialog
      title="取消活动"
      confirmText="确认取消活动"
      cancelText="不取消"
      confirmClassName="e2e-event-calloff-confirm"
      danger
      busy={callOff.busy}
      onConfirm={() => void confirm()}
      onCancel={onCancel}
    >
      <Text className="lk-dialog__big">{event.title}</Text>
      <Text className="lk-dialog__row">{`已报名 ${event.signedUp} 人、候补 ${event.waitlisted} 人会在消息里收到取消通知和原因。取消后不能恢复。`}</Text>
      <Textarea
        className="lk-centre-textarea e2e-event-calloff-reason"
        placeholder="原因，如：天气原因，改期另行通知"
        maxlength={EVENT_CANCEL_REASON_MAX}
        value={reason}
        onInput={(change) => {
          setReason(change.detail.value);
          setProblem(null);
        }}
      />
      {problem ? <Text className="lk-form-error">{problem}</Text> : null}
      {callOff.error ? <Text className="lk-form-error e2e-event-calloff-error">{callOff.error}</Text> : null}
    </ConfirmDialog>
  );
}

/** One event: sign up (or join the waitlist), cancel, check in at the door, then feedback and thanks. */
export default function EventPage() {
  const router = useRouter();
  const id = idParam(router.params.id);
  const detail = useEventDetail(id);
  const { user } = useMe();
  const signUp = useSignUpForEvent();
  const cancel = useCancelEventSignup();
  const checkIn = useEventCheckIn();
  const [confirming, setConfirming] = useState(false);
  const [callingOff, setCallingOff] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const event = detail.data;
  // A leader of the event's group may call it off too (the event does not carry the caller's role in its group).
  const group = useGroupDetail(event?.group?.id ?? null);

  useFreshOnReturn(() => detail.reload(), detail.data !== undefined);

  if (id === null) {
    return <BadLinkPage what="活动" />;
  }

  const onSignUp = async () => {
    const answer = await signUp.run(id);
    if (!answer) return;
    setOutcome(
      answer.status === 'signed_up'
        ? '报名成功，记得准时参加'
        : `名额已满，您在候补第 ${answer.waitlistPosition ?? '-'} 位，有人取消时按顺序递补，递补后会通知您`,
    );
    void detail.reload();
  };
  const onCancel = async () => {
    if (await cancel.run(id)) {
      setConfirming(false);
      setOutcome(null);
      void Taro.showToast({ title: '已取消报名', icon: 'none' });
      void detail.reload();
    }
  };
  const onCheckIn = async () => {
    const text = await checkIn.run();
    if (text) {
      setOutcome(text);
      void detail.reload();
    }
  };

  const phase = event ? eventPhase(event) : null;
  const mine = event ? mySignupText(event) : null;
  const waitlisted = event?.mine?.status === 'waitlisted';
  const organises = event !== undefined && (event.organiser.id === user?.id || group.data?.myRole === 'leader');
  return (
    <PageShell className="lk-centre-event">
      {!event && detail.loading ? <ListSkeleton rows={2} /> : null}
      {!event && detail.error ? <ListError message={detail.error} onRetry={() => void detail.reload()} /> : null}
      {event && phase ? (
        <>
          <View className="lk-card e2e-event-summary">
            <View className="lk-centre-card__tags">
              <Text className={`lk-mark lk-centre-phase--${phase} e2e-event-phase`}>{eventPhaseText[phase]}</Text>
              <Text className="lk-mark">{groupKindLabels[event.kind]}</Text>
              {event.membersOnly ? <Text className="lk-mark">仅限小组成员</Text> : null}
            </View>
            <Text className="lk-centre-card__title e2e-event-title">{event.title}</Text>
            <Text className="lk-centre-card__line">{`时间：${bookingTimeText(event.startAt, event.endAt)}`}</Text>
            <Text className="lk-centre-card__line">{`地点：${event.place}`}</Text>
            <Text className="lk-centre-card__line e2e-event-places">{`名额：${placesText(event)}`}</Text>
            <Text className="lk-muted lk-centre-card__line">{`组织者：${event.organiser.name ?? '社区'}`}</Text>
            {event.group ? (
              <Text className="lk-centre-section__link" onClick={() => openGroup(event.group!.id)}>
                {`${event.group.name} ›`}
              </Text>
            ) : null}
            {phase === 'cancelled' ? (
              <Text className="lk-centre-result e2e-event-cancelled">该活动已取消，报名的邻居都已收到通知。</Text>
            ) : null}
            {mine ? <Text className="lk-centre-result e2e-event-my-status">{`我的报名：${mine}`}</Text> : null}
            {outcome ? <Text className="lk-form-success e2e-event-outcome">{outcome}</Text> : null}

            {canSignUp(event) ? (
              <Button
                className="lk-button-block e2e-event-signup"
                type="primary"
                shape="round"
                block
                loading={signUp.busy}
                disabled={signUp.busy}
                onClick={() => void onSignUp()}
              >
                {event.signedUp >= event.capacity ? '名额已满，排候补' : '我要报名'}
              </Button>
            ) : null}
            {signUp.error ? <Text className="lk-form-error e2e-event-signup-error">{signUp.error}</Text> : null}

            {event.mine?.status === 'signed_up' && !event.mine.checkedInAt && phase !== 'ended' ? (
              <>
                <Text className="lk-muted lk-centre-card__line">开始前 30 分钟起，扫活动室门上的二维码签到。</Text>
                <Button
                  className="lk-button-block e2e-event-checkin"
                  type="primary"
                  fill="outline"
                  shape="round"
                  block
                  loading={checkIn.busy}
                  disabled={checkIn.busy}
                  onClick={() => void onCheckIn()}
                >
                  扫码签到
                </Button>
                {checkIn.error ? <Text className="lk-form-error e2e-event-checkin-error">{checkIn.error}</Text> : null}
              </>
            ) : null}

            {canCancel(event) ? (
              <Button
                className="lk-button-block e2e-event-cancel"
                type="danger"
                fill="outline"
                shape="round"
                block
                onClick={() => setConfirming(true)}
              >
                {waitlisted ? '放弃候补' : '取消报名'}
              </Button>
            ) : null}
          </View>

          {organises && phase === 'upcoming' ? (
            <View className="lk-card e2e-event-organiser">
              <Text className="lk-card__title">组织者</Text>
              <Text className="lk-muted">{`已报名 ${event.signedUp} 人，候补 ${event.waitlisted} 人。`}</Text>
              <Button
                className="lk-button-block e2e-event-calloff"
                type="danger"
                fill="outline"
                shape="round"
                block
                onClick={() => setCallingOff(true)}
              >
                取消活动
              </Button>
            </View>
          ) : null}
          {callingOff ? (
            <CallOffDialog
              event={event}
              onCancel={() => setCallingOff(false)}
              onDone={() => {
                setCallingOff(false);
                void detail.reload();
              }}
            />
          ) : null}

          {canGiveFeedback(event) ? <FeedbackCard event={event} onDone={() => void detail.reload()} /> : null}
          {event.myFeedback ? (
            <View className="lk-card e2e-event-my-feedback">
              <Text className="lk-form-success e2e-event-feedback-done">✓ 您已评价，谢谢！</Text>
              <Text className="lk-centre-card__line e2e-event-my-mood">{`我的评价：${moodLabels[event.myFeedback.mood]}`}</Text>
              {event.myFeedback.words ? (
                <Text className="lk-centre-card__text e2e-event-my-words">{`“${event.myFeedback.words}”`}</Text>
              ) : null}
            </View>
          ) : null}
          {canThank(event, user?.id ?? null) ? (
            <ThanksCard event={event} meId={user?.id ?? null} onSent={() => void detail.reload()} />
          ) : null}

          {confirming ? (
            <ConfirmDialog
              title={waitlisted ? '放弃候补' : '取消报名'}
              confirmText={waitlisted ? '确认放弃' : '确认取消'}
              confirmClassName="e2e-event-cancel-confirm"
              danger
              busy={cancel.busy}
              onConfirm={() => void onCancel()}
              onCancel={() => {
                cancel.clearError();
                setConfirming(false);
              }}
            >
              <Text className="lk-dialog__big">{event.title}</Text>
              <Text className="lk-dialog__row">
                {waitlisted ? '放弃后候补位置不保留。' : '取消后名额会让给候补的邻居，再报名可能要排候补。'}
              </Text>
              {cancel.error ? <Text className="lk-form-error e2e-event-cancel-error">{cancel.error}</Text> : null}
            </ConfirmDialog>
          ) : null}
        </>
      ) : null}
    </PageShell>
  );
}
