import type { EntityManager } from 'typeorm';
import { Notice, NoticeBuilding } from '../notices/notice.entity.js';
import { excerptOf } from '../notices/notices.rules.js';
import type { Building } from '../tenancy/building.entity.js';
import type { Community } from '../tenancy/community.entity.js';

const HOUR = 3_600_000;

/** A few realistic notices per community, already published (plus one draft), for the demo street. */
export async function seedDemoNotices(
  manager: EntityManager,
  communities: Map<string, Community>,
  buildings: Map<string, Building[]>,
  authors: Map<string, number>,
  now: Date,
): Promise<void> {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const g = communities.get('G')!;
  const b = communities.get('B')!;
  const gBuildings = buildings.get('G')!;
  const notices: Array<Partial<Notice> & { buildingIds?: number[] }> = [
    {
      communityId: g.id,
      authorId: authors.get('G') ?? null,
      category: 'announcement',
      pinned: true,
      requiresAck: true,
      title: '12月3日1栋、2栋计划停水通知',
      body: '## 停水通知\n\n因市政供水管网维修，**12月3日（周三）8:00—18:00** 1栋、2栋将暂停供水。\n\n- 请提前储水，关好水龙头\n- 恢复供水初期水质可能浑浊，请放水片刻后使用\n- 行动不便的老人如需送水，请联系网格员\n\n看到通知后请点击“已知晓”，方便网格员确认每户都已收到。',
      buildingIds: [gBuildings[0].id, gBuildings[1].id],
      publishAt: at(2),
      expiresAt: new Date(now.getTime() + 7 * 24 * HOUR),
    },
    {
      communityId: g.id,
      authorId: authors.get('G') ?? null,
      category: 'activity',
      pinned: false,
      requiresAck: false,
      title: '周六上午居民活动中心书法交流会',
      body: '本周六 **9:30—11:30** 在居民活动中心二楼多功能厅举办书法交流会，欢迎书法爱好者带上作品参加。\n\n现场提供笔墨纸砚，志愿者参与布置可获得时间银行积分。',
      publishAt: at(20),
    },
    {
      communityId: g.id,
      authorId: authors.get('G') ?? null,
      category: 'policy',
      pinned: false,
      requiresAck: false,
      title: '2027年城乡居民医保集中缴费开始',
      body: '2027年度城乡居民基本医疗保险集中缴费期为即日起至12月31日。\n\n1. 微信搜索“四川税务”小程序缴费\n2. 或到社区服务站现场办理\n\n60岁以上老人可由家属代缴，详询社区服务站。',
      publishAt: at(48),
    },
    {
      communityId: g.id,
      authorId: authors.get('G') ?? null,
      category: 'safety',
      pinned: false,
      requiresAck: true,
      title: '冬季消防演练安排（草稿）',
      body: '计划于下旬组织全体居民参加消防疏散演练，具体时间待定。',
      status: 'draft',
    },
    {
      communityId: b.id,
      authorId: authors.get('B') ?? null,
      category: 'service',
      pinned: true,
      requiresAck: false,
      title: '滨海社区便民理发本周五开放',
      body: '本周五 **14:00—17:00**，志愿者在活动中心一楼为70岁以上老人免费理发，请携带身份证登记。',
      publishAt: at(5),
    },
  ];
  for (const { buildingIds = [], ...fields } of notices) {
    const notice = await manager.save(
      manager.create(Notice, {
        status: 'published',
        expiresAt: null,
        archivedAt: null,
        notifyDueAt: null,
        publishAt: null,
        ...fields,
        excerpt: excerptOf(fields.body!),
        wholeCommunity: buildingIds.length === 0,
        audienceBuildingIds: buildingIds,
        updatedAt: now,
      }),
    );
    if (buildingIds.length)
      await manager.insert(
        NoticeBuilding,
        buildingIds.map((buildingId) => ({ noticeId: notice.id, buildingId })),
      );
  }
}
