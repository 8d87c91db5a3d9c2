import { useCallback, useState } from 'react';
import { useInFlight } from './useInFlight';
import { HELP_LIMITS, type CreateHelpRequest, type HelpRequestKind, type HelpRequestView } from '@linli/shared-types';
import { ApiRequestError } from '../services/http';
import {
  getHelpRequest,
  helpActions,
  listHelpRequests,
  listMyHelpRequests,
  postHelpRequest,
  scanHelpArrival,
} from '../services/help';
import { platformScanner } from '../platform/scan';
import { reloadTimebankAccount } from './useTimebankAccount';
import { usePagedList } from './usePagedList';
import { errorText, useRemoteData } from './useRemoteData';

/** Open requests of my community, newest first. */
export function useOpenHelpRequests(enabled = true) {
  return usePagedList(
    (cursor) => listHelpRequests(cursor),
    'help-open',
    (r: HelpRequestView) => r.id,
    enabled,
  );
}

/** What I posted, offered on or took. */
export function useMyHelpRequests(enabled = true) {
  return useRemoteData(listMyHelpRequests, 'help-mine', enabled);
}

/** The server's refusals, worded for the help pages. */
const helpRefusals: Record<string, string> = {
  INSUFFICIENT_CREDITS: '可用时长不足：请减少所出的时长，或先去做志愿服务攒一些',
  HELP_OWN_REQUEST: '这是您自己发布的需求',
  HELP_ALREADY_OFFERED: '您已经报名帮忙了，等对方选定',
  HELP_REQUEST_STATE: '这条需求的状态已经变了，请刷新后再看',
  HELP_ARRIVAL_WINDOW: '还不到约定的时间：请在开始前 30 分钟到结束后 2 小时内扫码',
  HELP_NO_MATCH_FOR_CODE: '您没有与这位居民约定的互助服务',
  HELP_CODE_INVALID: '对方的个人码已过期，请让对方刷新后再扫',
  HOLD_ALREADY_CLOSED: '这笔时长已经结清了',
  RESIDENT_NOT_VERIFIED: '请先完成住户认证',
};

export function helpErrorText(error: unknown): string {
  if (error instanceof ApiRequestError && helpRefusals[error.code]) return helpRefusals[error.code];
  return errorText(error);
}

export type HelpActionName = 'offer' | 'choose' | 'arrive' | 'done' | 'confirm' | 'dispute' | 'cancel';

/** One request and what I may do with it; every act answers the request as it now is. */
export function useHelpRequest(id: number) {
  const remote = useRemoteData(() => getHelpRequest(id), `help-${id}`, id > 0);
  const [view, setView] = useState<HelpRequestView | null>(null);
  const [busy, setBusy] = useState<HelpActionName | null>(null);
  const { guard: guardAction } = useInFlight();
  const [actionError, setActionError] = useState<string | null>(null);
  const current = view && view.id === id ? view : (remote.data ?? null);

  const run = useCallback(
    async (name: HelpActionName, act: () => Promise<HelpRequestView | null>): Promise<boolean> =>
      (await guardAction(async () => {
        setBusy(name);
        setActionError(null);
        try {
          const next = await act();
          if (next) setView(next);
          else await remote.reload();
          // Holds and payments change the balance card.
          void reloadTimebankAccount();
          return true;
        } catch (caught) {
          setActionError(helpErrorText(caught));
          return false;
        } finally {
          setBusy(null);
        }
      })) ?? false,
    [guardAction, remote],
  );

  return {
    request: current,
    loading: remote.loading && !current,
    error: current ? null : remote.error,
    reload: async () => {
      setView(null);
      await remote.reload();
    },
    busy,
    actionError,
    offer: () => run('offer', () => helpActions.offer(id)),
    choose: (helperId: number) => run('choose', () => helpActions.choose(id, helperId)),
    done: () => run('done', () => helpActions.done(id)),
    confirm: (thanks: string, stars: number) =>
      run('confirm', () => helpActions.confirm(id, { ...(thanks.trim() ? { thanks: thanks.trim() } : {}), stars })),
    dispute: (reason: string) => run('dispute', () => helpActions.dispute(id, reason.trim())),
    cancel: () => run('cancel', () => helpActions.cancel(id)),
    /** 我已到达: the helper scans the poster's personal code (or types its 6 digits in the browser). */
    arrive: () =>
      run('arrive', async () => {
        const code = await platformScanner.scan({ hint: '请扫描对方“我的签到码”上的二维码，或输入下方 6 位数字' });
        if (!code) return current;
        await scanHelpArrival(code.trim());
        return null;
      }),
  };
}

export interface HelpDraft {
  title: string;
  description: string;
  kind: HelpRequestKind | '';
  /** 'YYYY-MM-DD' and 'HH:mm', Asia/Shanghai. */
  date: string;
  time: string;
  minutes: number;
  place: string;
  rewardMinutes: string;
}

export type HelpField = keyof HelpDraft;

export const emptyHelpDraft: HelpDraft = {
  title: '',
  description: '',
  kind: '',
  date: '',
  time: '',
  minutes: 60,
  place: '',
  rewardMinutes: '',
};

/** Checks a draft against the rules the server applies; the first problem of each field, in Chinese. */
export function checkHelpDraft(
  draft: HelpDraft,
  context: { available: number | null; now: Date },
): { request: CreateHelpRequest | null; problems: Partial<Record<HelpField, string>> } {
  const problems: Partial<Record<HelpField, string>> = {};
  const title = draft.title.trim();
  if (!title) problems.title = '请用一句话说需要什么帮助';
  else if (title.length > HELP_LIMITS.titleMax) problems.title = `标题最多 ${HELP_LIMITS.titleMax} 个字`;
  const description = draft.description.trim();
  if (description.length > HELP_LIMITS.descriptionMax)
    problems.description = `说明最多 ${HELP_LIMITS.descriptionMax} 个字`;
  if (!draft.kind) problems.kind = '请选择互助类型';
  const startAt = draft.date && draft.time ? new Date(`${draft.date}T${draft.time}:00+08:00`) : null;
  if (!startAt || Number.isNaN(startAt.getTime())) problems.date = '请选择日期和时间';
  else if (startAt.getTime() <= context.now.getTime()) problems.date = '时间要晚于现在';
  else if (startAt.getTime() > context.now.getTime() + HELP_LIMITS.aheadDaysMax * 86_400_000)
    problems.date = `最多提前 ${HELP_LIMITS.aheadDaysMax} 天发布`;
  if (draft.minutes < HELP_LIMITS.minutesMin || draft.minutes > HELP_LIMITS.minutesMax)
    problems.minutes = `预计时长为 ${HELP_LIMITS.minutesMin} 到 ${HELP_LIMITS.minutesMax} 分钟`;
  const place = draft.place.trim();
  if (!place) problems.place = '请填写地点，如“3栋2单元门口”';
  else if (place.length > HELP_LIMITS.placeMax) problems.place = `地点最多 ${HELP_LIMITS.placeMax} 个字`;
  const rewardText = draft.rewardMinutes.trim();
  const reward = /^\d{1,6}$/.test(rewardText) ? Number(rewardText) : NaN;
  if (!rewardText) problems.rewardMinutes = '请填写愿意付出的时长（分钟）';
  else if (!Number.isInteger(reward) || reward < HELP_LIMITS.rewardMin) problems.rewardMinutes = '请输入整数分钟';
  else if (context.available !== null && reward > context.available)
    problems.rewardMinutes = `可用时长不足：您现在可用 ${context.available} 分钟`;
  const ok = Object.keys(problems).length === 0;
  return {
    request: ok
      ? {
          title,
          description,
          kind: draft.kind as HelpRequestKind,
          startAt: startAt!.toISOString(),
          minutes: draft.minutes,
          place,
          rewardMinutes: reward,
        }
      : null,
    problems,
  };
}

/** Posting: the credits are held at once (the server refuses more than is available). */
export function usePostHelpRequest() {
  const { busy: submitting, guard } = useInFlight();
  const [error, setError] = useState<string | null>(null);
  const [posted, setPosted] = useState<HelpRequestView | null>(null);
  const submit = useCallback(
    async (request: CreateHelpRequest) => {
      return (
        (await guard(async () => {
          setError(null);
          try {
            setPosted(await postHelpRequest(request));
            void reloadTimebankAccount();
            return true;
          } catch (caught) {
            setError(helpErrorText(caught));
            return false;
          }
        })) ?? false
      );
    },
    [guard],
  );
  return { submitting, error, posted, submit };
}
