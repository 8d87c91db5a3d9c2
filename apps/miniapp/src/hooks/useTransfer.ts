import type { TransferRequest } from '@linli/shared-types';
import { minutesToHours } from '@linli/shared-types';
import { ApiRequestError } from '../services/http';
import { transferCredits } from '../services/timebank';
import { setTimebankBalance } from './useTimebankAccount';
import { useConfirmedTransfer, type ConfirmedTransferState, type TransferChannel } from './useConfirmedTransfer';
import { errorText } from './useRemoteData';

export const TRANSFER_MEMO_MAX = 100;
/** The server's upper bound for one posting. */
export const TRANSFER_MINUTES_MAX = 100_000;

export interface TransferDraft {
  /** The recipient's account number (their user id, shown on their own 时间银行 page). */
  recipient: string;
  minutes: string;
  memo: string;
}

export type TransferField = keyof TransferDraft;

export const emptyTransferDraft: TransferDraft = { recipient: '', minutes: '', memo: '' };

/** Checks a draft against the rules the server applies; the first problem of each field, in Chinese. */
export function checkTransferDraft(
  draft: TransferDraft,
  context: { selfUserId: number | null; balance: number | null },
): { request: TransferRequest | null; problems: Partial<Record<TransferField, string>> } {
  const problems: Partial<Record<TransferField, string>> = {};
  const recipient = draft.recipient.trim().replace(/^#/, '');
  const toUserId = /^\d{1,9}$/.test(recipient) ? Number(recipient) : 0;
  if (!recipient) problems.recipient = '请输入对方的账户编号';
  else if (toUserId < 1) problems.recipient = '账户编号是一串数字，请核对后再输入';
  else if (toUserId === context.selfUserId) problems.recipient = '不能转给自己';

  const minutesText = draft.minutes.trim();
  const minutes = /^\d{1,6}$/.test(minutesText) ? Number(minutesText) : NaN;
  if (!minutesText) problems.minutes = '请输入转赠的分钟数';
  else if (!Number.isInteger(minutes) || minutes < 1) problems.minutes = '请输入整数分钟，至少 1 分钟';
  else if (context.balance !== null && minutes > context.balance) {
    problems.minutes = `余额不足：您现有 ${minutesToHours(context.balance)}（${context.balance} 分钟）`;
  } else if (minutes > TRANSFER_MINUTES_MAX) problems.minutes = `一次最多转赠 ${TRANSFER_MINUTES_MAX} 分钟`;

  const memo = draft.memo.trim();
  if (!memo) problems.memo = '请填写留言，如“谢谢帮我买菜”';
  else if (memo.length > TRANSFER_MEMO_MAX) problems.memo = `留言最多 ${TRANSFER_MEMO_MAX} 个字`;

  const ok = Object.keys(problems).length === 0;
  return { request: ok ? { toUserId, minutes, memo } : null, problems };
}

/** The server's refusals, worded for this form. */
const transferRefusals: Record<string, string> = {
  INSUFFICIENT_CREDITS: '余额不足，请减少转赠的时间',
  TRANSFER_TO_SELF: '不能转给自己',
  TIMEBANK_RECIPIENT_NOT_FOUND: '找不到该居民：对方不在本社区，或账户编号有误，请核对后再试',
  TIMEBANK_RECIPIENT_NOT_VERIFIED: '对方尚未完成住户认证，暂时不能接收转赠',
  RESIDENT_NOT_VERIFIED: '请先完成住户认证',
};

export function transferErrorText(error: unknown): string {
  if (error instanceof ApiRequestError && transferRefusals[error.code]) return transferRefusals[error.code];
  return errorText(error);
}

export type TransferState = ConfirmedTransferState<TransferRequest>;

const neighbourTransfer: TransferChannel<TransferRequest> = {
  keyPrefix: 'tf',
  post: transferCredits,
  refusalText: transferErrorText,
  posted: (response) => setTimebankBalance(response.balance, response.balanceHours),
};

/** A transfer to a neighbour: confirm, send once per Idempotency-Key, and retry safely after a lost answer. */
export function useTransfer(): TransferState {
  return useConfirmedTransfer(neighbourTransfer);
}
