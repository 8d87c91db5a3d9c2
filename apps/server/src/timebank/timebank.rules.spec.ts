import { shanghaiMonth } from '@linli/shared-types';
import {
  accountFigures,
  adjustmentLegs,
  capOverflow,
  canonicalJson,
  checkReversal,
  checkTransfer,
  communityBalanceSums,
  compareIdempotentRequest,
  findLedgerDiscrepancies,
  idempotencyRequestHash,
  isValidAmount,
  isValidIdempotencyKey,
  lockOrder,
  mayPay,
  postingPlan,
  minutesToHours,
  lastMonths,
  monthlyStats,
  reversalLegs,
} from './timebank.rules.js';

describe('mayPay', () => {
  it.each([
    ['resident with enough', 'resident', 100, 60, true],
    ['resident with exactly enough', 'resident', 60, 60, true],
    ['resident one minute short', 'resident', 59, 60, false],
    ['resident at zero', 'resident', 0, 1, false],
    ['pool always pays (it issues credits)', 'pool', 0, 500, true],
    ['pool already negative', 'pool', -1000, 500, true],
  ] as const)('%s', (_n, kind, balance, minutes, expected) => {
    expect(mayPay({ kind, balance }, minutes)).toBe(expected);
  });
});

describe('isValidAmount', () => {
  it.each([
    [1, true],
    [100_000, true],
    [0, false],
    [-5, false],
    [100_001, false],
    [1.5, false],
    [Number.NaN, false],
  ])('%p → %p', (minutes, ok) => {
    expect(isValidAmount(minutes)).toBe(ok);
  });
});

describe('checkTransfer', () => {
  const sender = { id: 1, role: 'resident', status: 'verified', communityId: 10 };
  it.each([
    ['verified neighbour', { id: 2, role: 'resident', status: 'verified', communityId: 10 }, null],
    ['to self', { ...sender }, 'TRANSFER_TO_SELF'],
    [
      'pending neighbour',
      { id: 2, role: 'resident', status: 'pending', communityId: 10 },
      'TIMEBANK_RECIPIENT_NOT_VERIFIED',
    ],
    [
      'disabled neighbour',
      { id: 2, role: 'resident', status: 'disabled', communityId: 10 },
      'TIMEBANK_RECIPIENT_NOT_VERIFIED',
    ],
    [
      'another community is not found',
      { id: 3, role: 'resident', status: 'verified', communityId: 11 },
      'TIMEBANK_RECIPIENT_NOT_FOUND',
    ],
    [
      'staff are not found',
      { id: 4, role: 'staff', status: 'verified', communityId: 10 },
      'TIMEBANK_RECIPIENT_NOT_FOUND',
    ],
    ['nobody', null, 'TIMEBANK_RECIPIENT_NOT_FOUND'],
  ] as const)('%s', (_n, recipient, code) => {
    expect(checkTransfer(sender, recipient)?.code ?? null).toBe(code);
  });
});

describe('checkReversal', () => {
  it.each([
    ['transfer', 'transfer', false, 'staff', null],
    ['service credit', 'service_credit', false, 'staff', null],
    ['adjustment', 'adjustment', false, 'staff', null],
    ['a transfer reversed before', 'transfer', true, 'staff', 'TRANSACTION_ALREADY_REVERSED'],
    ['a reversal is final', 'reversal', false, 'staff', 'REVERSAL_NOT_ALLOWED'],
    ['a redemption is undone by cancelling it', 'redemption', false, 'staff', 'REDEMPTION_REVERSE_BY_CANCEL'],
    ['cancelling a redemption reverses it', 'redemption', false, 'redemption-cancel', null],
    ['a hold is released by its feature, not reversed', 'hold', false, 'staff', 'REVERSAL_OF_HOLD'],
    ['a release neither', 'release', false, 'staff', 'REVERSAL_OF_HOLD'],
    ['a payment from the escrow neither', 'service_exchange', false, 'staff', 'REVERSAL_OF_HOLD'],
    ['a room charge neither', 'room_charge', false, 'staff', 'REVERSAL_OF_HOLD'],
    ['a donation may be reversed', 'donation', false, 'staff', null],
    [
      'a cancelled redemption is not reversed twice',
      'redemption',
      true,
      'redemption-cancel',
      'TRANSACTION_ALREADY_REVERSED',
    ],
  ] as const)('%s', (_n, kind, reversed, via, code) => {
    expect(checkReversal({ kind }, reversed, via)?.code ?? null).toBe(code);
  });
});

describe('movements', () => {
  it('a reversal moves the same minutes the other way', () => {
    expect(reversalLegs({ fromAccountId: 3, toAccountId: 7, amount: 45 })).toEqual({
      fromAccountId: 7,
      toAccountId: 3,
      amount: 45,
    });
  });
  it.each([
    [30, { fromAccountId: 1, toAccountId: 5, amount: 30 }],
    [-30, { fromAccountId: 5, toAccountId: 1, amount: 30 }],
  ])('an adjustment of %p minutes', (minutes, legs) => {
    expect(adjustmentLegs(minutes, 5, 1)).toEqual(legs);
  });
  it.each([
    [
      [9, 2],
      [2, 9],
    ],
    [
      [2, 9],
      [2, 9],
    ],
    [[4, 4], [4]],
  ])('locks %p in the order %p', (ids, order) => {
    expect(lockOrder(...ids)).toEqual(order);
  });
});

describe('minutesToHours', () => {
  it.each([
    [90, '1.50 小时'],
    [1, '0.02 小时'],
    [0, '0.00 小时'],
    [-30, '-0.50 小时'],
  ])('%p → %p', (m, text) => {
    expect(minutesToHours(m)).toBe(text);
  });
});

describe('idempotency', () => {
  const transfer = { toUserId: 2, minutes: 30, memo: '谢谢' };
  it.each([
    [
      'same body, keys in another order',
      'timebank.transfer',
      transfer,
      'timebank.transfer',
      { memo: '谢谢', minutes: 30, toUserId: 2 },
      'replay',
    ],
    ['another amount', 'timebank.transfer', transfer, 'timebank.transfer', { ...transfer, minutes: 31 }, 'reused'],
    ['another memo', 'timebank.transfer', transfer, 'timebank.transfer', { ...transfer, memo: '谢谢!' }, 'reused'],
    ['same reward again', 'rewards.redeem:1', {}, 'rewards.redeem:1', {}, 'replay'],
    ['another reward under the same key', 'rewards.redeem:1', {}, 'rewards.redeem:2', {}, 'reused'],
  ] as const)('%s → %s', (_n, firstOperation, first, secondOperation, second, outcome) => {
    const stored = idempotencyRequestHash(firstOperation, first);
    expect(compareIdempotentRequest(stored, idempotencyRequestHash(secondOperation, second))).toBe(outcome);
  });
  it('canonical JSON sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });
  it.each([
    ['uuid', '3f1c2b9e-8a4d-4f7b-9c1e-2d5a6b7c8d9e', true],
    ['one char', 'x', true],
    ['100 chars', 'k'.repeat(100), true],
    ['101 chars', 'k'.repeat(101), false],
    ['empty', '', false],
    ['space inside', 'a b', false],
    ['non-ascii', '键', false],
    ['missing', undefined, false],
  ])('key %s → %p', (_n, key, ok) => {
    expect(isValidIdempotencyKey(key)).toBe(ok);
  });
});

describe('findLedgerDiscrepancies', () => {
  const clean = [
    { id: 1, communityId: 1, kind: 'pool' as const, balance: -90, entrySum: -90 },
    { id: 2, communityId: 1, kind: 'resident' as const, balance: 60, entrySum: 60 },
    { id: 3, communityId: 1, kind: 'resident' as const, balance: 30, entrySum: 30 },
    { id: 4, communityId: 2, kind: 'pool' as const, balance: 0, entrySum: 0 },
  ];
  it('finds nothing in a clean ledger', () => {
    expect(findLedgerDiscrepancies(clean, [])).toEqual([]);
    expect(communityBalanceSums(clean)).toEqual([
      { communityId: 1, balanceSum: 0 },
      { communityId: 2, balanceSum: 0 },
    ]);
  });
  it.each([
    ['a cached balance that drifted', [{ ...clean[1], balance: 70 }], [], ['balance_mismatch', 'community_not_zero']],
    [
      'a negative resident',
      [
        { ...clean[1], balance: -60, entrySum: -60 },
        { ...clean[0], balance: 30, entrySum: 30 },
      ],
      [],
      ['negative_balance'],
    ],
    [
      'a transaction with one entry',
      [],
      [{ id: 9, communityId: 1, entrySum: 30, entryCount: 1 }],
      ['unbalanced_transaction'],
    ],
    [
      'a transaction whose entries do not cancel',
      [],
      [{ id: 9, communityId: 1, entrySum: 10, entryCount: 2 }],
      ['unbalanced_transaction'],
    ],
  ] as const)('%s', (_n, replaced, unbalanced, types) => {
    const accounts = clean.map((a) => replaced.find((r) => r.id === a.id) ?? a);
    expect(findLedgerDiscrepancies(accounts, [...unbalanced]).map((d) => d.type)).toEqual(types);
  });
});

describe('monthly statistics (Asia/Shanghai months)', () => {
  it.each([
    ['2026-11-30T15:59:59Z', '2026-11'],
    ['2026-11-30T16:00:00Z', '2026-12'],
    ['2026-12-31T16:30:00Z', '2027-01'],
  ])('%s falls in %s', (instant, month) => {
    expect(shanghaiMonth(new Date(instant))).toBe(month);
  });
  it('lists the last months oldest first, across a year boundary, starting at Shanghai midnight', () => {
    expect(lastMonths(new Date('2027-01-10T00:00:00Z'), 3)).toEqual({
      months: ['2026-11', '2026-12', '2027-01'],
      since: new Date('2026-10-31T16:00:00Z'),
    });
  });
  it('sorts movements into issued, spent, transferred and reversed', () => {
    const at = new Date('2026-11-10T02:00:00Z');
    const stats = monthlyStats(
      [
        { kind: 'service_credit', amount: 120, createdAt: at, fromPool: true, toPool: false },
        { kind: 'adjustment', amount: 30, createdAt: at, fromPool: true, toPool: false },
        { kind: 'adjustment', amount: 10, createdAt: at, fromPool: false, toPool: true },
        { kind: 'redemption', amount: 60, createdAt: at, fromPool: false, toPool: true },
        { kind: 'transfer', amount: 15, createdAt: at, fromPool: false, toPool: false },
        { kind: 'reversal', amount: 60, createdAt: at, fromPool: true, toPool: false },
        {
          kind: 'service_credit',
          amount: 999,
          createdAt: new Date('2025-01-01T00:00:00Z'),
          fromPool: true,
          toPool: false,
        },
      ],
      ['2026-10', '2026-11'],
    );
    expect(stats).toEqual([
      { month: '2026-10', issued: 0, spent: 0, transferred: 0, reversed: 0 },
      { month: '2026-11', issued: 150, spent: 70, transferred: 15, reversed: 60 },
    ]);
  });
});

describe('holds and the escrow', () => {
  const accounts = [
    { id: 1, communityId: 1, kind: 'pool' as const, balance: -100, entrySum: -100 },
    { id: 2, communityId: 1, kind: 'resident' as const, balance: 40, entrySum: 40 },
    { id: 3, communityId: 1, kind: 'escrow' as const, balance: 60, entrySum: 60 },
  ];
  it.each([
    ['escrow equal to the open holds', [{ communityId: 1, held: 60 }], []],
    ['open holds the escrow does not have', [{ communityId: 1, held: 90 }], ['escrow_mismatch']],
    ['an escrow holding more than the open holds', [{ communityId: 1, held: 30 }], ['escrow_mismatch']],
    ['an escrow with no open holds at all', [], ['escrow_mismatch']],
  ] as const)('%s', (_n, holds, types) => {
    expect(findLedgerDiscrepancies(accounts, [], [...holds]).map((d) => d.type)).toEqual(types);
  });
  it.each([
    ['escrow', 'negative_balance'],
    ['commons', 'negative_balance'],
  ] as const)('a negative %s account is a discrepancy', (kind, type) => {
    const found = findLedgerDiscrepancies(
      [
        { id: 1, communityId: 1, kind: 'pool', balance: 5, entrySum: 5 },
        { id: 2, communityId: 1, kind, balance: -5, entrySum: -5 },
      ],
      [],
      kind === 'escrow' ? [{ communityId: 1, held: -5 }] : [],
    );
    expect(found.map((d) => d.type)).toEqual([type]);
  });
  it.each([
    [100, 0, { balance: 100, held: 0, available: 100 }],
    [40, 60, { balance: 100, held: 60, available: 40 }],
    [0, 100, { balance: 100, held: 100, available: 0 }],
  ])('stored %i with %i held: %o', (stored, held, figures) => {
    expect(accountFigures(stored, held)).toEqual(figures);
  });
});

describe('capOverflow', () => {
  it.each([
    [89_999, 90_000, 0],
    [90_000, 90_000, 0],
    [90_001, 90_000, 1],
    [95_000, 90_000, 5_000],
  ])('balance %i under cap %i sends %i to the commons', (balance, cap, excess) => {
    expect(capOverflow(balance, cap)).toBe(excess);
  });
});

describe('postingPlan', () => {
  const resident = (balance: number) => ({ kind: 'resident' as const, balance });
  const pool = (balance: number) => ({ kind: 'pool' as const, balance });
  it.each([
    ['a resident with enough pays a resident', resident(60), resident(0), 60, 'one-update'],
    ['a resident one minute short', resident(59), resident(0), 60, 'insufficient'],
    ['the pool pays even below zero', pool(-500), resident(0), 60, 'one-update'],
    ['a credit that reaches the cap exactly', resident(60), resident(5_340), 60, 'one-update'],
    ['a credit past the cap takes the general path', resident(60), resident(5_341), 60, 'general'],
    ['the pool is never capped', resident(60), pool(1_000_000), 60, 'one-update'],
    ['short beats capped', resident(10), resident(5_400), 60, 'insufficient'],
  ] as const)('%s', (_, from, to, amount, plan) => {
    expect(postingPlan(from, to, amount, 5_400)).toBe(plan);
  });
});
