import type { RequestCategory, RequestSatisfaction } from '@linli/shared-types';

/** One step of a demo request, `h` hours after its submission (the same steps the service takes). */
type DemoStep =
  | { do: 'accept'; h: number }
  | { do: 'progress'; h: number; note: string }
  | { do: 'resolve'; h: number; resolution: string }
  | { do: 'rate'; h: number; resolved: boolean; satisfaction: RequestSatisfaction; comment?: string }
  | { do: 'reopen'; h: number; reason: string }
  | { do: 'extend'; h: number; days: number; reason: string }
  | { do: 'refer'; h: number; to: string; reason: string }
  | { do: 'unreasonable'; h: number; reason: string }
  | { do: 'confirm'; h: number }
  /** Resolved and never rated: the job closes it 7 days after the resolution. */
  | { do: 'autoClose' };

interface DemoRequest {
  community: 'G' | 'B';
  phone: string;
  category: RequestCategory;
  title: string;
  description: string;
  /** Index into the community's buildings. */
  building?: number;
  place?: string;
  urgent?: boolean;
  /** Public, with the phones of the neighbours who said 我也遇到. */
  seconds?: string[];
  /** Hours before now that it was submitted. */
  ago: number;
  steps: DemoStep[];
}

/**
 * A month of requests of the demo street (PRODUCT.md "Demo data"), in every state and light: waiting green, yellow
 * and red; being handled on time, late and extended; resolved waiting for the call-back; rated every way; reopened;
 * auto-closed; referred; unreasonable marked and confirmed. Times are relative to the clock, so the lights are right
 * whenever the demo is seeded.
 */
export const demoRequests: DemoRequest[] = [
  // ---- 光华社区 G ----
  {
    community: 'G',
    phone: '13800000001',
    category: 'repair',
    title: '2栋电梯按钮失灵',
    description: '2栋电梯 7 楼的下行按钮按了没反应，老人只能走楼梯下来。',
    building: 1,
    ago: 2,
    steps: [],
  },
  {
    community: 'G',
    phone: '13800000002',
    category: 'sanitation',
    title: '小区东门垃圾桶满溢',
    description: '东门口的两个垃圾桶每天下午就满了，垃圾堆在地上，气味很大，夏天还招苍蝇。',
    place: '小区东门',
    seconds: ['13800000003', '13800000005'],
    ago: 21,
    steps: [],
  },
  {
    community: 'G',
    phone: '13800000005',
    category: 'safety',
    title: '3栋楼顶防盗门损坏',
    description: '3栋通往天台的防盗门锁坏了，门一直开着，有小孩跑上去玩，很危险。',
    building: 2,
    urgent: true,
    ago: 4,
    steps: [],
  },
  {
    community: 'G',
    phone: '13800000006',
    category: 'suggestion',
    title: '建议增设电动车充电桩',
    description: '4栋楼下经常有人从楼上拉线给电动车充电，建议在车棚增设充电桩，既方便又安全。',
    building: 3,
    ago: 30,
    steps: [],
  },
  {
    community: 'G',
    phone: '13800000007',
    category: 'care',
    title: '独居老人需要上门助浴',
    description: '我家隔壁的陈奶奶 86 岁独居，腿脚不便，想问社区能否安排上门助浴服务。',
    building: 4,
    ago: 26,
    steps: [{ do: 'accept', h: 3 }],
  },
  {
    community: 'G',
    phone: '13800000008',
    category: 'repair',
    title: '6栋地下车库漏水',
    description: '6栋地下车库 B 区顶上一直滴水，地面积水，车停在下面都是泥点子。',
    building: 5,
    place: '地下车库 B 区',
    ago: 72,
    steps: [
      { do: 'accept', h: 1 },
      { do: 'progress', h: 5, note: '已联系物业查看，确认是排水管接口破裂。' },
      { do: 'progress', h: 30, note: '维修队已进场更换管段，预计两天完工，期间 B 区暂停停车。' },
    ],
  },
  {
    community: 'G',
    phone: '13800000003',
    category: 'dispute',
    title: '楼上住户夜间噪音',
    description: '楼上住户最近每天晚上十一点以后还在拖动家具、跳绳，影响休息，沟通过一次没有改善。',
    building: 1,
    ago: 144,
    steps: [
      { do: 'accept', h: 2 },
      { do: 'progress', h: 26, note: '已上门调解一次，双方同意晚上十点后不再进行有噪音的活动。' },
      { do: 'progress', h: 100, note: '回访住户，噪音有所减少，约定本周末再次沟通。' },
    ],
  },
  {
    community: 'G',
    phone: '13800000004',
    category: 'repair',
    title: '2栋单元门门禁坏了',
    description: '2栋 3 单元门禁刷卡没反应，门一直关不上，外人随便进出。',
    building: 1,
    ago: 216,
    steps: [
      { do: 'accept', h: 30 },
      { do: 'progress', h: 50, note: '已报修，门禁厂家需要更换主板，等待配件到货。' },
    ],
  },
  {
    community: 'G',
    phone: '13800000001',
    category: 'repair',
    title: '6栋外墙瓷砖脱落',
    description: '6栋西侧外墙有瓷砖掉下来，砸在人行道上，幸好没伤到人，旁边还有几块松动了。',
    building: 5,
    seconds: ['13800000002', '13800000004', '13800000006'],
    ago: 240,
    steps: [
      { do: 'accept', h: 1 },
      { do: 'progress', h: 4, note: '已在楼下拉警戒线，提醒居民绕行。' },
      { do: 'extend', h: 120, days: 10, reason: '需要高空作业车，施工队排期到下周。' },
      { do: 'progress', h: 200, note: '施工队已确定进场时间，届时会提前一天张贴通知。' },
    ],
  },
  {
    community: 'G',
    phone: '13800000002',
    category: 'inquiry',
    title: '高龄津贴如何申请',
    description: '我父亲今年满 80 岁了，想问高龄津贴需要准备哪些材料，到哪里办理。',
    ago: 50,
    steps: [
      { do: 'accept', h: 2 },
      { do: 'resolve', h: 6, resolution: '已电话告知申请材料（身份证、户口本、银行卡），到社区服务站 2 号窗口办理。' },
    ],
  },
  {
    community: 'G',
    phone: '13800000006',
    category: 'sanitation',
    title: '绿化带杂草丛生',
    description: '4栋和5栋之间的绿化带很久没修剪了，杂草有半人高，晚上有蚊虫。',
    building: 3,
    ago: 264,
    steps: [
      { do: 'accept', h: 5 },
      { do: 'progress', h: 48, note: '已通知绿化养护公司，排在本周期修剪。' },
      { do: 'resolve', h: 190, resolution: '绿化带已全部修剪并清运杂草，喷洒了灭蚊药。' },
    ],
  },
  {
    community: 'G',
    phone: '13800000005',
    category: 'repair',
    title: '楼道灯不亮',
    description: '3栋 1 单元三楼到五楼的声控灯都不亮了，晚上上楼要摸黑。',
    building: 2,
    ago: 480,
    steps: [
      { do: 'accept', h: 1 },
      { do: 'progress', h: 3, note: '电工已确认是声控开关老化。' },
      { do: 'resolve', h: 20, resolution: '已更换三盏声控灯和开关。' },
      { do: 'rate', h: 30, resolved: true, satisfaction: 'satisfied', comment: '修得很快，谢谢王老师' },
    ],
  },
  {
    community: 'G',
    phone: '13800000007',
    category: 'sanitation',
    title: '楼下餐馆油烟扰民',
    description: '5栋底商的餐馆油烟直接往楼上排，开窗就是一股油烟味。',
    building: 4,
    ago: 600,
    steps: [
      { do: 'accept', h: 4 },
      { do: 'progress', h: 24, note: '已约谈餐馆经营者，要求加装油烟净化器。' },
      { do: 'resolve', h: 100, resolution: '餐馆已加装净化器并改造排烟管道，社区将不定期检查。' },
      { do: 'rate', h: 120, resolved: true, satisfaction: 'basically', comment: '油烟小了一些' },
    ],
  },
  {
    community: 'G',
    phone: '13800000008',
    category: 'safety',
    title: '小区夜间外来车辆乱停',
    description: '晚上经常有外来车辆停在消防通道上，救护车进不来。',
    place: '6栋消防通道',
    ago: 432,
    steps: [
      { do: 'accept', h: 10 },
      { do: 'resolve', h: 72, resolution: '已张贴告示，并通知物业加强夜间巡查。' },
      { do: 'rate', h: 96, resolved: false, satisfaction: 'dissatisfied', comment: '告示贴了，车照样停' },
    ],
  },
  {
    community: 'G',
    phone: '13800000003',
    category: 'care',
    title: '希望开设老年助餐点',
    description: '小区里老人多，做饭不方便，希望社区能开个助餐点，中午能吃上热饭。',
    ago: 672,
    steps: [
      { do: 'accept', h: 2 },
      { do: 'progress', h: 48, note: '已与街道养老服务中心对接，选址活动中心一楼。' },
      { do: 'resolve', h: 150, resolution: '活动中心助餐点已开放，每周一至周五中午供餐，80 岁以上老人半价。' },
      { do: 'rate', h: 160, resolved: true, satisfaction: 'satisfied', comment: '饭菜可口，价格实惠' },
    ],
  },
  {
    community: 'G',
    phone: '13800000004',
    category: 'repair',
    title: '顶楼屋面漏水',
    description: '2栋顶楼我家卧室天花板一下雨就渗水，墙皮都泡起来了。',
    building: 1,
    ago: 360,
    steps: [
      { do: 'accept', h: 3 },
      { do: 'resolve', h: 72, resolution: '已对屋面裂缝做防水补漏。' },
      { do: 'rate', h: 80, resolved: false, satisfaction: 'dissatisfied', comment: '下雨还是漏' },
      { do: 'reopen', h: 90, reason: '补漏后下雨又开始渗水。' },
      { do: 'progress', h: 100, note: '维修队复查，确认需整块更换防水卷材。' },
      { do: 'resolve', h: 200, resolution: '已整块更换屋面防水卷材，经两次降雨检查无渗漏。' },
      { do: 'rate', h: 220, resolved: true, satisfaction: 'satisfied', comment: '这次彻底修好了' },
    ],
  },
  {
    community: 'G',
    phone: '13800000006',
    category: 'inquiry',
    title: '垃圾分类投放时间',
    description: '想问一下小区垃圾分类的定时投放时间是几点到几点。',
    ago: 528,
    steps: [
      { do: 'accept', h: 1 },
      { do: 'resolve', h: 3, resolution: '每天 7:00–9:00、18:00–20:00 定时投放，其余时间可投放至东门误时投放点。' },
      { do: 'autoClose' },
    ],
  },
  {
    community: 'G',
    phone: '13800000001',
    category: 'other',
    title: '燃气管道老化',
    description: '1栋的燃气立管锈得很厉害，担心漏气。',
    building: 0,
    ago: 288,
    steps: [{ do: 'refer', h: 3, to: '区住建局', reason: '属老旧小区燃气管道改造工程，已转区住建局统一安排。' }],
  },
  {
    community: 'G',
    phone: '13800000002',
    category: 'dispute',
    title: '要求社区赔偿车辆剐蹭损失',
    description: '我的车停在小区里被剐蹭了，要求社区赔偿维修费用。',
    ago: 72,
    steps: [
      { do: 'accept', h: 2 },
      { do: 'unreasonable', h: 20, reason: '属个人财产纠纷，建议通过保险或司法途径解决。' },
    ],
  },
  {
    community: 'G',
    phone: '13800000005',
    category: 'other',
    title: '要求免除全年物业费',
    description: '物业服务不好，要求社区出面免除我家全年的物业费。',
    ago: 384,
    steps: [
      { do: 'unreasonable', h: 5, reason: '物业费属业主与物业公司的合同事项，社区可协调服务质量，但无权免除。' },
      { do: 'confirm', h: 30 },
    ],
  },
  {
    community: 'G',
    phone: '13800000007',
    category: 'suggestion',
    title: '建议活动中心周末开放',
    description: '上班的年轻人只有周末有空，建议活动中心周末也开放。',
    ago: 192,
    steps: [
      { do: 'accept', h: 1 },
      { do: 'resolve', h: 48, resolution: '自本月起活动中心周六全天开放，周日上午开放。' },
      { do: 'rate', h: 50, resolved: true, satisfaction: 'satisfied' },
    ],
  },
  // ---- 滨海社区 B ----
  {
    community: 'B',
    phone: '13900000001',
    category: 'repair',
    title: '2号楼水泵噪音大',
    description: '2号楼地下水泵房晚上嗡嗡响，一楼住户睡不着。',
    building: 1,
    ago: 20,
    steps: [],
  },
  {
    community: 'B',
    phone: '13900000002',
    category: 'sanitation',
    title: '海滨步道垃圾无人清理',
    description: '小区外的海滨步道上塑料瓶和外卖盒很多，好几天没人清理。',
    place: '海滨步道南段',
    seconds: ['13900000001', '13900000004'],
    ago: 48,
    steps: [
      { do: 'accept', h: 1 },
      { do: 'progress', h: 5, note: '已联系环卫所增加清扫频次，并组织志愿者周末净滩。' },
    ],
  },
  {
    community: 'B',
    phone: '13900000003',
    category: 'care',
    title: '无障碍坡道破损',
    description: '3号楼门口的轮椅坡道裂了一大块，推轮椅过不去。',
    building: 2,
    ago: 192,
    steps: [
      { do: 'accept', h: 20 },
      { do: 'progress', h: 30, note: '已报维修计划，等待施工单位排期。' },
    ],
  },
  {
    community: 'B',
    phone: '13900000004',
    category: 'safety',
    title: '4号楼前路灯不亮',
    description: '4号楼前面两盏路灯坏了一个多星期，晚上黑漆漆的。',
    building: 3,
    ago: 96,
    steps: [
      { do: 'accept', h: 2 },
      { do: 'resolve', h: 40, resolution: '已更换两盏路灯灯头。' },
    ],
  },
  {
    community: 'B',
    phone: '13900000001',
    category: 'repair',
    title: '门禁卡失效',
    description: '新办的门禁卡刷不开 1 号楼的门。',
    building: 0,
    ago: 336,
    steps: [
      { do: 'accept', h: 1 },
      { do: 'resolve', h: 5, resolution: '门禁卡已重新授权。' },
      { do: 'rate', h: 8, resolved: true, satisfaction: 'satisfied', comment: '办得很快' },
    ],
  },
  {
    community: 'B',
    phone: '13900000002',
    category: 'inquiry',
    title: '医保异地报销流程',
    description: '父母在老家看病，想问医保异地报销要怎么备案。',
    ago: 456,
    steps: [
      { do: 'accept', h: 3 },
      { do: 'resolve', h: 6, resolution: '已告知通过国家医保服务平台办理异地就医备案的步骤。' },
      { do: 'rate', h: 30, resolved: true, satisfaction: 'basically' },
    ],
  },
  {
    community: 'B',
    phone: '13900000003',
    category: 'dispute',
    title: '邻居占用楼道堆放杂物',
    description: '对门邻居把旧家具堆在楼道里，消防通道都堵了。',
    building: 2,
    ago: 576,
    steps: [
      { do: 'accept', h: 30 },
      { do: 'resolve', h: 96, resolution: '已上门沟通，邻居同意一周内清理。' },
      { do: 'rate', h: 100, resolved: false, satisfaction: 'dissatisfied', comment: '还没清走' },
    ],
  },
  {
    community: 'B',
    phone: '13900000004',
    category: 'other',
    title: '海边护栏松动',
    description: '小区外海边的护栏有一段松动了，担心有人掉下去。',
    ago: 144,
    steps: [{ do: 'refer', h: 2, to: '区水务局', reason: '海堤护栏由区水务局管养，已转办并电话告知。' }],
  },
  {
    community: 'B',
    phone: '13900000001',
    category: 'suggestion',
    title: '建议增加快递柜',
    description: '小区只有一组快递柜，经常满，建议再增加一组。',
    ago: 648,
    steps: [
      { do: 'accept', h: 5 },
      { do: 'resolve', h: 48, resolution: '已与快递柜运营商协商，下月在 3 号楼旁增设一组。' },
      { do: 'autoClose' },
    ],
  },
];
