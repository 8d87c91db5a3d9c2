import { activityStatusLabels, type ActivityView } from './activities.js';
import { bookingStatusLabels } from './bookings.js';
import { groupStatusLabels, signupStatusLabels } from './centre.js';
import { helpRequestStatusLabels } from './help-requests.js';
import type { Role, UserStatus } from './identity.js';
import { noticeStatusLabels } from './notices.js';
import { requestStatusLabels } from './requests.js';
import { redemptionStatusLabels } from './timebank.js';

/*
 * The words both clients show for a status or an audit action (issue #19 item 8): one table, so the console and
 * the mini-app never disagree. A client may add colours or a staff hint beside the word, never another word.
 */

export const roleLabels: Record<Role, string> = {
  resident: '居民',
  staff: '社区工作者',
  admin: '街道管理员',
};

export const userStatusLabels: Record<UserStatus, string> = {
  pending: '待认证',
  verified: '已认证',
  disabled: '已停用',
};

/** Where a published activity or event stands in time: what people read instead of "published". */
export const timePhases = ['signup', 'signup_closed', 'running', 'ended'] as const;
export type TimePhase = (typeof timePhases)[number];
export const timePhaseLabels: Record<TimePhase, string> = {
  signup: '报名中',
  signup_closed: '报名截止',
  running: '进行中',
  ended: '已结束',
};

/** The phase of a published activity at `now`: before the deadline, after it, under way, over. */
export function activityTimePhase(
  activity: Pick<ActivityView, 'startAt' | 'endAt' | 'signupDeadline'>,
  now: Date = new Date(),
): TimePhase {
  const t = now.getTime();
  if (t >= new Date(activity.endAt).getTime()) return 'ended';
  if (t >= new Date(activity.startAt).getTime()) return 'running';
  if (t > new Date(activity.signupDeadline).getTime()) return 'signup_closed';
  return 'signup';
}

/** The status word of an activity, the same in both clients: 草稿 / 报名中 / 报名截止 / 进行中 / 已结束 / 已结算 / 已取消. */
export function activityStatusText(
  activity: Pick<ActivityView, 'status' | 'startAt' | 'endAt' | 'signupDeadline'>,
  now: Date = new Date(),
): string {
  if (activity.status !== 'published') return activityStatusLabels[activity.status];
  return timePhaseLabels[activityTimePhase(activity, now)];
}

/** Every status table by subject, for code that picks one by name. */
export const statusLabels = {
  activity: activityStatusLabels,
  booking: bookingStatusLabels,
  eventSignup: signupStatusLabels,
  group: groupStatusLabels,
  helpRequest: helpRequestStatusLabels,
  notice: noticeStatusLabels,
  redemption: redemptionStatusLabels,
  request: requestStatusLabels,
  timePhase: timePhaseLabels,
  user: userStatusLabels,
} as const;

/** Every action the server writes to the audit log; the server's AuditRecord takes only these. */
export const auditActionLabels = {
  'activities.create': '新建志愿活动',
  'activities.update': '修改志愿活动',
  'activities.publish': '发布志愿活动',
  'activities.cancel': '取消志愿活动',
  'activities.checkin': '代签到',
  'activities.checkout': '代签退',
  'activities.manual_minutes': '手工核定时长',
  'activities.settle': '结算志愿时长',
  'bookings.create': '代居民预约',
  'bookings.approve': '批准预约',
  'bookings.reject': '拒绝预约',
  'bookings.cancel': '取消预约',
  'bookings.check_in': '预约签到',
  'bookings.lift_suspension': '解除预约限制',
  'rooms.create': '新增活动室',
  'rooms.update': '修改活动室',
  'rooms.closure': '设置闭馆时段',
  'events.create': '发起社区活动',
  'events.cancel': '取消社区活动',
  'groups.approve': '批准兴趣小组',
  'groups.decline': '驳回兴趣小组',
  'groups.quota': '设置小组用房额度',
  'help.create_task': '发布互助任务',
  'help.settle': '裁定互助酬谢',
  'help.care_recipient.flag': '设为关爱对象',
  'help.care_recipient.unflag': '取消关爱对象',
  'family.bind': '绑定亲情账号',
  'family.credit.ask': '代亲属申请转入时间',
  'family.credit.confirm': '本人确认亲属转入',
  'proxy.family': '亲情代办',
  'proxy.desk': '窗口代办',
  'notice.create': '新建公告',
  'notice.update': '修改公告',
  'notice.publish': '发布公告',
  'notice.archive': '下架公告',
  'notice.stats.export': '导出公告阅读统计',
  'requests.submit': '代居民提交诉求',
  'requests.accept': '受理诉求',
  'requests.progress': '更新诉求进展',
  'requests.resolve': '办结诉求',
  'requests.refer': '转办诉求',
  'requests.extend': '延长诉求时限',
  'requests.help_task': '诉求转互助任务',
  'requests.unreasonable': '标记不合理诉求',
  'requests.unreasonable.confirm': '确认不合理诉求',
  'requests.rate': '评价诉求',
  'requests.reopen': '重新打开诉求',
  'resident.verify': '认证居民',
  'resident.register-offline': '线下登记居民',
  'resident.volunteer.grant': '设为志愿者',
  'resident.volunteer.revoke': '取消志愿者',
  'resident.phone.reveal': '查看完整手机号',
  'timebank.adjust': '调整时间余额',
  'timebank.reverse': '冲正交易',
  'timebank.reward.create': '新增兑换项目',
  'timebank.reward.update': '修改兑换项目',
  'timebank.redemption.hand_over': '兑付兑换',
  'timebank.redemption.cancel': '取消兑换',
} as const satisfies Record<string, string>;
export type AuditAction = keyof typeof auditActionLabels;

/** The word for an action code; a code from an older server (not in the table) is shown as sent. */
export function auditActionText(action: string): string {
  return (auditActionLabels as Record<string, string>)[action] ?? action;
}

/** What an audit entry acted on. */
export const auditTargetLabels: Record<string, string> = {
  user: '用户',
  resident: '居民',
  notice: '公告',
  room: '活动室',
  booking: '预约',
  activity: '志愿活动',
  event: '社区活动',
  group: '兴趣小组',
  help_request: '互助',
  request: '诉求',
  community: '社区',
  timebank_transaction: '时间银行交易',
  timebank_reward: '兑换项目',
  timebank_redemption: '兑换记录',
};
