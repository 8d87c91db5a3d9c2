import { type HelpRequestKind, type HelpRequestStatus } from '@linli/shared-types';
import type { EntityManager } from 'typeorm';
import { FamilyBinding } from '../family/family.entity.js';
import { CareRecipient, HelpOffer, HelpRequest } from '../help-requests/help-request.entity.js';
import { Community } from '../tenancy/community.entity.js';
import { LedgerService } from '../timebank/ledger.service.js';
import { User } from '../users/user.entity.js';
import { seedPricedRoom } from './demo-room-prices.js';

const HOUR = 3_600_000;

interface DemoHelp {
  community: 'G' | 'B';
  poster: string;
  helper: string | null;
  /** Pool-funded: the poster is a care recipient 帮扶对象. */
  pool: boolean;
  status: Extract<HelpRequestStatus, 'open' | 'matched' | 'confirmed'>;
  kind: HelpRequestKind;
  title: string;
  description: string;
  place: string;
  /** Hours from now (negative: in the past). */
  startsIn: number;
  minutes: number;
  reward: number;
  thanks?: string;
}

/*
 * The residents here are chosen so that the suites relying on the demo (balances of 李秀英, 刘淑珍 …) see the same
 * numbers as before: in G only pool-funded requests of 刘淑珍 (care recipient), whose balance they do not touch;
 * everything that moves a resident's credits happens in B between 朱玉兰 and 胡军.
 */
const requests: DemoHelp[] = [
  {
    community: 'G',
    poster: '13800000005',
    helper: null,
    pool: true,
    status: 'open',
    kind: 'errands',
    title: '帮我去药店买降压药',
    description: '腿脚不方便，麻烦帮忙到小区门口的药店买一盒降压药，钱我当面给。',
    place: '2栋1单元102',
    startsIn: 20,
    minutes: 30,
    reward: 30,
  },
  {
    community: 'G',
    poster: '13800000005',
    helper: '13800000002',
    pool: true,
    status: 'matched',
    kind: 'escort',
    title: '陪我去社区医院复诊',
    description: '周五上午复诊，需要有人陪同挂号、取药。',
    place: '社区卫生服务中心',
    startsIn: 44,
    minutes: 120,
    reward: 120,
  },
  {
    community: 'B',
    poster: '13900000003',
    helper: '13900000004',
    pool: false,
    status: 'confirmed',
    kind: 'repair',
    title: '厨房水龙头漏水，帮忙修一下',
    description: '水龙头一直滴水，工具家里有。',
    place: '2号楼2单元301',
    startsIn: -50,
    minutes: 60,
    reward: 45,
    thanks: '修得很好，谢谢小胡！',
  },
  {
    community: 'B',
    poster: '13900000004',
    helper: null,
    pool: false,
    status: 'open',
    kind: 'company',
    title: '周末一起下象棋、聊聊天',
    description: '退休在家，想找个棋友。',
    place: '滨海社区活动中心棋牌室',
    startsIn: 70,
    minutes: 90,
    reward: 30,
  },
  {
    community: 'B',
    poster: '13900000004',
    helper: '13900000003',
    pool: false,
    status: 'matched',
    kind: 'meals',
    title: '帮忙从助餐点带一份午饭',
    description: '中午 11 点半左右送到家门口即可。',
    place: '3号楼1单元402',
    startsIn: 26,
    minutes: 30,
    reward: 15,
  },
];

/**
 * Mutual help in the demo street (PRODUCT.md "Demo data"): open, taken and finished help requests with their holds
 * and payment, donations to B's commons, a family binding in B with a family transfer, and B's 活动大厅 priced in
 * credits with a booking holding its price and a past one charged. Every movement goes through LedgerService as the
 * features post it, so the demo ledger passes the audit.
 */
export async function seedDemoHelp(manager: EntityManager, now: Date): Promise<void> {
  const ledger = new LedgerService();
  const byCode = new Map((await manager.find(Community)).map((c) => [c.code, c]));
  const person = (code: 'G' | 'B', phone: string) =>
    manager.findOneByOrFail(User, { communityId: byCode.get(code)!.id, phone });
  const staffOf = (code: 'G' | 'B') =>
    manager.findOneByOrFail(User, { communityId: byCode.get(code)!.id, role: 'staff' });
  const accountOf = (u: User) => ledger.openAccount(manager, u);

  // Credits 朱玉兰 and 胡军 earned volunteering, so that they can pay for help and donate.
  const zhu = await person('B', '13900000003');
  const hu = await person('B', '13900000004');
  const poolB = await ledger.poolOf(manager, byCode.get('B')!.id);
  for (const [who, minutes, memo] of [
    [zhu, 150, '海滨步道清洁志愿活动'],
    [hu, 120, '为独居老人代购生活用品'],
  ] as const)
    await ledger.post(manager, {
      kind: 'service_credit',
      communityId: poolB.communityId,
      fromAccountId: poolB.id,
      toAccountId: (await accountOf(who)).id,
      amount: minutes,
      memo,
    });

  const staffG = await staffOf('G');
  await manager.insert(CareRecipient, {
    userId: (await person('G', '13800000005')).id,
    communityId: byCode.get('G')!.id,
    flaggedById: staffG.id,
  });

  for (const d of requests) {
    const communityId = byCode.get(d.community)!.id;
    const poster = await person(d.community, d.poster);
    const helper = d.helper ? await person(d.community, d.helper) : null;
    const startAt = new Date(now.getTime() + d.startsIn * HOUR);
    const id = (
      await manager.insert(HelpRequest, {
        communityId,
        posterId: poster.id,
        title: d.title,
        description: d.description,
        kind: d.kind,
        startAt,
        minutes: d.minutes,
        place: d.place,
        rewardMinutes: d.reward,
        fundedBy: d.pool ? 'pool' : 'poster',
        status: 'open',
        helperId: null,
        holdId: null,
        autoConfirmed: false,
        sourceReference: null,
      })
    ).identifiers[0].id as number;
    const payer = d.pool ? await ledger.poolOf(manager, communityId) : await accountOf(poster);
    const hold = await ledger.hold(manager, {
      communityId,
      payerAccountId: payer.id,
      amount: d.reward,
      reference: `help-request:${id}`,
      memo: `互助冻结「${d.title}」`,
      actorId: poster.id,
    });
    if (helper) await manager.insert(HelpOffer, { helpRequestId: id, userId: helper.id, communityId });
    const fields: Partial<HelpRequest> = { holdId: hold.id, status: d.status, helperId: helper?.id ?? null };
    if (d.status === 'confirmed' && helper) {
      const end = new Date(startAt.getTime() + d.minutes * 60_000);
      await ledger.closeHold(
        manager,
        hold.id,
        {
          pay: {
            toAccountId: (await accountOf(helper)).id,
            amount: d.reward,
            kind: 'service_exchange',
            memo: `互助「${d.title}」：${d.thanks ?? '谢谢'}`,
          },
          releaseMemo: `互助「${d.title}」未支付部分解冻`,
          actorId: poster.id,
        },
        end,
      );
      Object.assign(fields, { arrivedAt: startAt, doneAt: end, confirmedAt: end, thanks: d.thanks ?? null, stars: 5 });
    }
    await manager.update(HelpRequest, { id }, fields);
  }

  // Every community's commons 公益池 is open from the start (G's empty); donations to B's.
  await ledger.commonsOf(manager, byCode.get('G')!.id);
  const commonsB = await ledger.commonsOf(manager, byCode.get('B')!.id);
  for (const [donor, minutes] of [
    [zhu, 30],
    [hu, 15],
  ] as const) {
    await ledger.post(manager, {
      kind: 'donation',
      communityId: commonsB.communityId,
      fromAccountId: (await accountOf(donor)).id,
      toAccountId: commonsB.id,
      amount: minutes,
      memo: '捐赠社区公益池',
      actorId: donor.id,
    });
  }

  // 亲情: 胡军 is bound to 朱玉兰 as her son (at the desk) and gives her some of the hours he earned helping.
  const staffB = await staffOf('B');
  await manager.insert(FamilyBinding, {
    elderId: zhu.id,
    memberId: hu.id,
    relation: '儿子',
    via: 'desk',
    status: 'active',
    createdById: staffB.id,
    boundAt: now,
    revokedAt: null,
    revokedById: null,
  });
  await ledger.post(manager, {
    kind: 'family_transfer',
    communityId: commonsB.communityId,
    fromAccountId: (await accountOf(hu)).id,
    toAccountId: (await accountOf(zhu)).id,
    amount: 20,
    memo: '亲情转赠给 朱玉兰：给妈妈的',
    reference: `family-transfer:${hu.id}:demo`,
    actorId: hu.id,
  });

  await seedPricedRoom(manager, ledger, byCode.get('B')!.id, staffB, [zhu, hu], now);
}
