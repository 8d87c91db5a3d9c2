import type { GroupKind, Mood } from '@linli/shared-types';

export interface DemoGroup {
  name: string;
  kind: GroupKind;
  description: string;
  memberCap: number | null;
  leader: string;
  /** Phones of the members besides the leader, in the order they joined. */
  members: string[];
  room: string;
  /** ISO weekday (1 = Monday) and local times of the weekly practice. */
  weekday: number;
  from: string;
  to: string;
  practice: string;
  notice: [string, string];
  /** A past event per week for the last weeks: title; moods of the attendees in member order. */
  pastEvents: Array<[string, Mood[]]>;
  upcoming: { title: string; capacity: number; membersOnly: boolean; inDays: number; hhmm: [string, string] };
}

/** The demo street's activity centre (PRODUCT.md "Demo data"): a choir, a calligraphy group and a chess club in G. */
export const groups: DemoGroup[] = [
  {
    name: '幸福合唱团',
    kind: 'culture',
    description: '每周二下午在多功能厅练歌，唱红歌、民歌和流行老歌。不识谱也没关系，老团员一对一带。',
    memberCap: 40,
    leader: '13800000007',
    members: ['13800000005', '13800000003', '13800000001', '13800000006'],
    room: '多功能厅',
    weekday: 2,
    from: '15:00',
    to: '16:30',
    practice: '合唱团每周练习',
    notice: ['新年音乐会排练', '12 月起每周二加练半小时，准备新年音乐会的《我和我的祖国》，请大家带上歌本。'],
    pastEvents: [
      ['合唱团公开排练', ['good', 'good', 'ok']],
      ['《茉莉花》二声部学唱', ['good', 'good', 'good', 'ok']],
      ['合唱团迎新会', ['good', 'ok', 'good', 'good', 'bad']],
    ],
    upcoming: { title: '幸福合唱团新年音乐会', capacity: 40, membersOnly: false, inDays: 9, hhmm: ['15:00', '16:30'] },
  },
  {
    name: '墨香书法社',
    kind: 'culture',
    description: '楷书、行书入门与提高，每周四下午在书画室临帖交流，笔墨纸砚社区提供。',
    memberCap: 12,
    leader: '13800000004',
    members: ['13800000002', '13800000008', '13800000005'],
    room: '书画室',
    weekday: 4,
    from: '14:00',
    to: '16:00',
    practice: '书法社临帖交流',
    notice: ['写春联报名', '腊月里为社区孤寡老人写春联，想参加的邻居请在群里接龙。'],
    pastEvents: [
      ['书法作品小展', ['good', 'good']],
      ['楷书基本笔画讲解', ['good', 'ok', 'good']],
    ],
    upcoming: { title: '义写春联送邻里', capacity: 12, membersOnly: false, inDays: 16, hhmm: ['14:00', '16:00'] },
  },
  {
    name: '楚河汉界象棋社',
    kind: 'sport',
    description: '象棋爱好者以棋会友，每周六上午在棋牌室对弈，定期举办友谊赛。',
    memberCap: 16,
    leader: '13800000008',
    members: ['13800000006', '13800000002', '13800000004'],
    room: '棋牌室',
    weekday: 6,
    from: '09:00',
    to: '11:00',
    practice: '象棋社周末对弈',
    notice: ['友谊赛分组', '下周六与滨海社区象棋队友谊赛，抽签分组已贴在棋牌室门口。'],
    pastEvents: [
      ['象棋残局讲座', ['good', 'ok']],
      ['社区象棋擂台赛', ['good', 'good', 'bad', 'good']],
      ['老少棋友对弈', ['good', 'good', 'good']],
    ],
    upcoming: { title: '象棋社内部循环赛', capacity: 8, membersOnly: true, inDays: 4, hhmm: ['09:00', '11:00'] },
  },
];

export const thanksWords = ['谢谢您耐心教我！', '有您组织，大家都很开心', '谢谢帮忙搬桌椅', '下次还一起来'];
