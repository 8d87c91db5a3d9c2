import { createHash } from 'node:crypto';
import {
  SHANGHAI_OFFSET_MS,
  shanghaiMonth,
  type LedgerDiscrepancy,
  type LedgerKind,
  type TimebankAccountKind,
  type Refusal,
} from '@linli/shared-types';

export { minutesToHours } from '@linli/shared-types';

/** Largest single movement of minutes (a little over 1,666 hours). */
export const MAX_MINUTES = 100_000;

/** May this account pay this many minutes? The pool issues credits and may go negative; residents may not. */
export function mayPay(account: { kind: TimebankAccountKind; balance: number }, minutes: number): boolean {
  return account.kind === 'pool' || account.balance >= minutes;
}

/** Minutes beyond the account cap after a credit: what goes to the commons. */
export function capOverflow(balanceAfter: number, capMinutes: number): number {
  return Math.max(0, balanceAfter - capMinutes);
}

/**
 * How a posting between two accounts read with a lock in its transaction moves the balances: refused at once when
 * the payer has too little, one UPDATE for both when the credit stays under the cap, else the general path
 * (each side on its own, the excess moved to the commons).
 */
export function postingPlan(
  from: { kind: TimebankAccountKind; balance: number },
  to: { kind: TimebankAccountKind; balance: number },
  amount: number,
  capMinutes: number,
): 'insufficient' | 'one-update' | 'general' {
  if (!mayPay(from, amount)) return 'insufficient';
  return to.kind === 'resident' && capOverflow(to.balance + amount, capMinutes) > 0 ? 'general' : 'one-update';
}

/** What a resident may spend or promise now: the account's balance (held minutes already sit in escrow). */
export function accountFigures(storedBalance: number, held: number) {
  return { balance: storedBalance + held, held, available: Math.max(0, storedBalance) };
}

/** Whole minutes within the limits of one transaction. */
export function isValidAmount(minutes: number): boolean {
  return Number.isSafeInteger(minutes) && minutes >= 1 && minutes <= MAX_MINUTES;
}

interface Party {
  id: number;
  role: string;
  status: string;
  communityId: number | null;
}

/** A resident may give minutes to another verified resident of their own community; others are not found. */
export function checkTransfer(sender: Party, recipient: Party | null): Refusal | null {
  if (!recipient || recipient.role !== 'resident' || recipient.communityId !== sender.communityId)
    return { code: 'TIMEBANK_RECIPIENT_NOT_FOUND' };
  if (recipient.id === sender.id) return { code: 'TRANSFER_TO_SELF' };
  if (recipient.status !== 'verified') return { code: 'TIMEBANK_RECIPIENT_NOT_VERIFIED' };
  return null;
}

/**
 * May this transaction be reversed? Reversals themselves are final, a redemption is undone by
 * cancelling it (which also returns the stock), and nothing is reversed twice.
 */
const escrowKinds = new Set<LedgerKind>(['hold', 'release', 'service_exchange', 'room_charge']);

export function checkReversal(
  transaction: { kind: LedgerKind },
  alreadyReversed: boolean,
  via: 'staff' | 'redemption-cancel' = 'staff',
): Refusal | null {
  if (transaction.kind === 'reversal') return { code: 'REVERSAL_NOT_ALLOWED' };
  // The escrow must equal the open holds: what moves in or out of it is undone by its feature (cancel, reject).
  if (escrowKinds.has(transaction.kind)) return { code: 'REVERSAL_OF_HOLD' };
  if (transaction.kind === 'redemption' && via !== 'redemption-cancel') return { code: 'REDEMPTION_REVERSE_BY_CANCEL' };
  if (alreadyReversed) return { code: 'TRANSACTION_ALREADY_REVERSED' };
  return null;
}

/** The movement that undoes a transaction: the same minutes the other way. */
export function reversalLegs(transaction: { fromAccountId: number; toAccountId: number; amount: number }) {
  return { fromAccountId: transaction.toAccountId, toAccountId: transaction.fromAccountId, amount: transaction.amount };
}

/** An adjustment of +n credits the resident from the pool; −n debits the resident into the pool. */
export function adjustmentLegs(minutes: number, residentAccountId: number, poolAccountId: number) {
  return minutes > 0
    ? { fromAccountId: poolAccountId, toAccountId: residentAccountId, amount: minutes }
    : { fromAccountId: residentAccountId, toAccountId: poolAccountId, amount: -minutes };
}

/** Accounts are locked in ascending id order, so two transactions over the same accounts never wait on each other in a cycle. */
export function lockOrder(...accountIds: number[]): number[] {
  return [...new Set(accountIds)].sort((a, b) => a - b);
}

/** Canonical JSON: object keys sorted, so the same request always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** What an Idempotency-Key is bound to: the operation and its body. */
export function idempotencyRequestHash(operation: string, body: unknown): string {
  return createHash('sha256')
    .update(`${operation}\n${canonicalJson(body)}`)
    .digest('hex');
}

/** A key seen before: the same request is replayed; anything else under that key is refused. */
export function compareIdempotentRequest(storedHash: string, incomingHash: string): 'replay' | 'reused' {
  return storedHash === incomingHash ? 'replay' : 'reused';
}

/** Idempotency-Key header: 1–100 visible ASCII characters (a UUID is typical). */
export function isValidIdempotencyKey(key: unknown): key is string {
  return typeof key === 'string' && /^[\x21-\x7e]{1,100}$/.test(key);
}

export interface AuditedAccount {
  id: number;
  communityId: number;
  kind: TimebankAccountKind;
  balance: number;
  entrySum: number;
}
export interface AuditedTransaction {
  id: number;
  communityId: number;
  entrySum: number;
  entryCount: number;
}

/** The open holds of a community: their sum must be what its escrow account holds. */
export interface AuditedHolds {
  communityId: number;
  held: number;
}

/**
 * The ledger's invariants: each balance equals the sum of its entries, no resident (nor escrow or commons) is
 * below zero, each community's balances sum to zero, each transaction's two entries cancel out, and each
 * community's escrow holds exactly its open holds.
 */
export function findLedgerDiscrepancies(
  accounts: AuditedAccount[],
  unbalanced: AuditedTransaction[],
  openHolds: AuditedHolds[] = [],
): LedgerDiscrepancy[] {
  const found: LedgerDiscrepancy[] = [];
  const sums = new Map<number, number>();
  for (const a of accounts) {
    sums.set(a.communityId, (sums.get(a.communityId) ?? 0) + a.balance);
    if (a.balance !== a.entrySum) {
      found.push({
        type: 'balance_mismatch',
        communityId: a.communityId,
        accountId: a.id,
        transactionId: null,
        expected: a.entrySum,
        actual: a.balance,
        message: `账户 ${a.id} 余额 ${a.balance} 分钟，按流水应为 ${a.entrySum} 分钟`,
      });
    }
    if (a.kind !== 'pool' && a.balance < 0) {
      found.push({
        type: 'negative_balance',
        communityId: a.communityId,
        accountId: a.id,
        transactionId: null,
        expected: 0,
        actual: a.balance,
        message: `${a.kind === 'resident' ? '居民' : a.kind === 'escrow' ? '冻结' : '公益池'}账户 ${a.id} 余额为负：${a.balance} 分钟`,
      });
    }
  }
  const heldBy = new Map(openHolds.map((h) => [h.communityId, h.held]));
  const escrows = new Map(accounts.filter((a) => a.kind === 'escrow').map((a) => [a.communityId, a]));
  for (const communityId of new Set([...heldBy.keys(), ...escrows.keys()])) {
    const held = heldBy.get(communityId) ?? 0;
    const escrow = escrows.get(communityId);
    const balance = escrow?.balance ?? 0;
    if (held !== balance) {
      found.push({
        type: 'escrow_mismatch',
        communityId,
        accountId: escrow?.id ?? null,
        transactionId: null,
        expected: held,
        actual: balance,
        message: `社区 ${communityId} 的冻结账户余额 ${balance} 分钟，未结清的冻结合计 ${held} 分钟`,
      });
    }
  }
  for (const [communityId, sum] of sums) {
    if (sum !== 0) {
      found.push({
        type: 'community_not_zero',
        communityId,
        accountId: null,
        transactionId: null,
        expected: 0,
        actual: sum,
        message: `社区 ${communityId} 的余额合计为 ${sum} 分钟，应为 0`,
      });
    }
  }
  for (const t of unbalanced) {
    if (t.entrySum !== 0 || t.entryCount !== 2) {
      found.push({
        type: 'unbalanced_transaction',
        communityId: t.communityId,
        accountId: null,
        transactionId: t.id,
        expected: 0,
        actual: t.entrySum,
        message: `交易 ${t.id} 有 ${t.entryCount} 条分录，合计 ${t.entrySum} 分钟（应为两条、合计 0）`,
      });
    }
  }
  return found;
}

/** Per-community balance sums, for the audit answer. */
export function communityBalanceSums(
  accounts: Array<{ communityId: number; balance: number }>,
): Array<{ communityId: number; balanceSum: number }> {
  const sums = new Map<number, number>();
  for (const a of accounts) sums.set(a.communityId, (sums.get(a.communityId) ?? 0) + a.balance);
  return [...sums].sort(([a], [b]) => a - b).map(([communityId, balanceSum]) => ({ communityId, balanceSum }));
}

/** The last `count` months up to the one containing `now`, oldest first, and the UTC instant the first one starts. */
export function lastMonths(now: Date, count: number): { months: string[]; since: Date } {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const months: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    months.push(new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - i, 1)).toISOString().slice(0, 7));
  }
  const [y, m] = months[0].split('-').map(Number);
  return { months, since: new Date(Date.UTC(y, m - 1, 1) - SHANGHAI_OFFSET_MS) };
}

export interface MonthlyMovement {
  kind: LedgerKind;
  amount: number;
  createdAt: Date;
  fromPool: boolean;
  toPool: boolean;
}

/** Minutes issued, spent, transferred and reversed per month, for the console chart. */
export function monthlyStats(movements: MonthlyMovement[], months: string[]) {
  const rows = new Map(months.map((month) => [month, { month, issued: 0, spent: 0, transferred: 0, reversed: 0 }]));
  for (const t of movements) {
    const row = rows.get(shanghaiMonth(t.createdAt));
    if (!row) continue;
    if (t.kind === 'reversal') row.reversed += t.amount;
    else if (t.kind === 'transfer') row.transferred += t.amount;
    // Across communities a family transfer is two legs through the pools: count the one leaving the sender.
    else if (t.kind === 'family_transfer') row.transferred += t.fromPool ? 0 : t.amount;
    else if (t.fromPool && !t.toPool) row.issued += t.amount;
    else if (t.toPool && !t.fromPool) row.spent += t.amount;
  }
  return [...rows.values()];
}
