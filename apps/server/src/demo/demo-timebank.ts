import type { EntityManager } from 'typeorm';
import { Community } from '../tenancy/community.entity.js';
import { LedgerService } from '../timebank/ledger.service.js';
import { Reward, RewardRedemption } from '../timebank/reward.entity.js';
import { User } from '../users/user.entity.js';

/** Service credits of the demo: [community, phone, minutes, memo]. */
const serviceCredits: Array<[string, string, number, string]> = [
  ['G', '13800000001', 240, '助老志愿服务：陪伴独居老人就医'],
  ['G', '13800000002', 180, '社区环境整治志愿活动'],
  ['G', '13800000003', 90, '活动中心图书角值班'],
  ['G', '13800000004', 60, '疫苗接种点秩序引导'],
  ['B', '13900000001', 180, '海滨清洁志愿活动'],
  ['B', '13900000002', 120, '为老人代购生活用品'],
];

/** Transfers between neighbours: [community, from phone, to phone, minutes, memo]. */
const transfers: Array<[string, string, string, number, string]> = [
  ['G', '13800000001', '13800000005', 60, '送给刘阿姨，感谢平时照顾'],
  ['B', '13900000001', '13900000003', 30, '谢谢帮忙照看孩子'],
];

const catalogue: Array<[string, string, number, number]> = [
  ['理发券', '社区理发室凭券理发一次', 60, 20],
  ['粮油兑换', '米一袋或食用油一桶，到社区服务站领取', 120, 10],
  ['家政服务', '两小时上门保洁，由合作家政公司提供', 180, 5],
];

/**
 * The demo time bank (PRODUCT.md "Demo data"): pools, accounts of verified residents, some service credits,
 * transfers, a reward catalogue and one pending redemption. Everything is posted through LedgerService.post,
 * so the demo ledger passes the audit like any other.
 */
export async function seedDemoTimebank(manager: EntityManager): Promise<void> {
  const ledger = new LedgerService();
  const communities = await manager.find(Community);
  const byCode = new Map(communities.map((c) => [c.code, c]));
  const phoneOf = async (code: string, phone: string) =>
    manager.findOneByOrFail(User, { communityId: byCode.get(code)!.id, phone });
  const staffOf = async (code: string) =>
    manager.findOneByOrFail(User, { communityId: byCode.get(code)!.id, role: 'staff' });

  for (const community of communities) {
    await ledger.poolOf(manager, community.id);
    const residents = await manager.find(User, {
      where: { communityId: community.id, role: 'resident', status: 'verified' },
      order: { id: 'ASC' },
    });
    for (const resident of residents) await ledger.openAccount(manager, resident);
  }
  for (const [code, phone, minutes, memo] of serviceCredits) {
    const resident = await phoneOf(code, phone);
    const account = await ledger.openAccount(manager, resident);
    const pool = await ledger.poolOf(manager, account.communityId);
    await ledger.post(manager, {
      kind: 'service_credit',
      communityId: account.communityId,
      fromAccountId: pool.id,
      toAccountId: account.id,
      amount: minutes,
      memo,
      reference: 'demo',
      actorId: (await staffOf(code)).id,
    });
  }
  for (const [code, fromPhone, toPhone, minutes, memo] of transfers) {
    const from = await ledger.openAccount(manager, await phoneOf(code, fromPhone));
    const to = await ledger.openAccount(manager, await phoneOf(code, toPhone));
    await ledger.post(manager, {
      kind: 'transfer',
      communityId: from.communityId,
      fromAccountId: from.id,
      toAccountId: to.id,
      amount: minutes,
      memo,
      actorId: from.userId,
    });
  }
  for (const community of communities) {
    const staff = await staffOf(community.code);
    for (const [name, description, priceMinutes, stock] of catalogue) {
      await manager.insert(Reward, {
        communityId: community.id,
        name,
        description,
        priceMinutes,
        stock,
        active: true,
        createdById: staff.id,
      });
    }
  }
  // One redemption waiting to be handed over, so the console has something to show.
  const redeemer = await phoneOf('G', '13800000002');
  const haircut = await manager.findOneByOrFail(Reward, { communityId: byCode.get('G')!.id, name: '理发券' });
  await manager.decrement(Reward, { id: haircut.id }, 'stock', 1);
  const account = await ledger.openAccount(manager, redeemer);
  const pool = await ledger.poolOf(manager, account.communityId);
  const transaction = await ledger.post(manager, {
    kind: 'redemption',
    communityId: account.communityId,
    fromAccountId: account.id,
    toAccountId: pool.id,
    amount: haircut.priceMinutes,
    memo: `兑换：${haircut.name}`,
    reference: `reward:${haircut.id}`,
    actorId: redeemer.id,
  });
  await manager.insert(RewardRedemption, {
    communityId: account.communityId,
    rewardId: haircut.id,
    userId: redeemer.id,
    priceMinutes: haircut.priceMinutes,
    status: 'pending',
    transactionId: transaction.id,
    reversalId: null,
    handledById: null,
    handledAt: null,
  });
}
