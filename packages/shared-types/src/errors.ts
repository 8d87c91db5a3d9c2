/**
 * Stable machine codes of every error the API answers, with the message a person reads.
 * The server sends `{ statusCode, code, message }`; clients show `errorMessages[code]`.
 */
export const errorMessages = {
  VALIDATION_FAILED: '提交的内容有误，请检查后重试',
  UNAUTHENTICATED: '请先登录',
  SESSION_EXPIRED: '登录已失效，请重新登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '内容不存在或已被删除',
  ROUTE_NOT_FOUND: '接口不存在',
  CONFLICT: '操作冲突，请刷新后重试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  INTERNAL_ERROR: '服务器开小差了，请稍后再试',
  SERVICE_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  LOGIN_FAILED: '用户名或密码错误',
  ACCOUNT_DISABLED: '账号已停用，请联系社区工作人员',
  DEV_LOGIN_DISABLED: '接口不存在',
  COMMUNITY_NOT_FOUND: '找不到该社区',
  BUILDING_NOT_FOUND: '找不到该楼栋',
  WECHAT_NOT_CONFIGURED: '微信登录尚未配置',
  WECHAT_CODE_INVALID: '微信登录凭证无效或已过期，请重试',
  WECHAT_UNAVAILABLE: '微信服务繁忙，请稍后再试',
  RESIDENT_NOT_VERIFIED: '请先完成住户认证',
  RESIDENT_ALREADY_VERIFIED: '该居民已认证',
  HOUSEHOLD_INCOMPLETE: '请先填写楼栋、单元和房号',
  PROFILE_LOCKED: '已认证的住户信息需由社区工作人员修改',
  NOT_A_RESIDENT: '该用户不是居民',
  NOTICE_NOT_EDITABLE: '公告已发布，不能再修改',
  NOTICE_ALREADY_PUBLISHED: '公告已发布',
  NOTICE_ARCHIVED: '公告已归档，不能再修改或发布',
  NOTICE_TIME_INVALID: '过期时间必须晚于发布时间和当前时间',
  NOTICE_AUDIENCE_INVALID: '所选楼栋不属于本社区',
  NOTICE_ACK_NOT_REQUIRED: '该公告无需确认',
  NOTICE_BODY_TOO_LONG: '公告正文过长',
  INSUFFICIENT_CREDITS: '时间余额不足',
  IDEMPOTENCY_KEY_REQUIRED: '请求缺少有效的 Idempotency-Key，请重试',
  IDEMPOTENCY_KEY_REUSED: '该请求编号已用于另一笔不同的请求',
  TIMEBANK_ACCOUNT_NOT_FOUND: '找不到该时间银行账户',
  TIMEBANK_RECIPIENT_NOT_FOUND: '找不到该居民',
  TIMEBANK_RECIPIENT_NOT_VERIFIED: '对方尚未完成住户认证',
  TRANSFER_TO_SELF: '不能转给自己',
  TRANSACTION_NOT_FOUND: '找不到该笔记录',
  TRANSACTION_ALREADY_REVERSED: '该笔记录已冲正过',
  REVERSAL_NOT_ALLOWED: '冲正记录不能再冲正',
  REDEMPTION_REVERSE_BY_CANCEL: '兑换记录请通过“取消兑换”撤销',
  REWARD_NOT_FOUND: '找不到该兑换项目',
  REWARD_OUT_OF_STOCK: '该项目已兑完',
  REDEMPTION_NOT_FOUND: '找不到该兑换记录',
  REDEMPTION_NOT_PENDING: '该兑换已处理过',
  ROOM_NOT_FOUND: '找不到该活动室',
  ROOM_INACTIVE: '该活动室暂停开放预约',
  ROOM_HOURS_INVALID: '开放时间须为 HH:mm（整刻钟），且开门早于关门',
  CLOSURE_TIME_INVALID: '闭馆结束时间必须晚于开始时间',
  BOOKING_NOT_FOUND: '找不到该预约',
  BOOKING_SLOT_TAKEN: '该时段已被预约，请选择其他时段',
  BOOKING_OFF_GRID: '预约时间须在开放时间内、按时段整段选择，且不能跨天',
  BOOKING_TOO_SOON: '预约需提前，当前时段已来不及预约',
  BOOKING_TOO_FAR: '超出可预约的日期范围',
  BOOKING_TOO_LONG: '单次预约时间过长',
  BOOKING_CLOSED: '该时段活动室闭馆，不能预约',
  BOOKING_ATTENDEES_INVALID: '参加人数须在 1 到活动室容量之间',
  BOOKING_QUOTA_ACTIVE: '您已有 2 个未开始的预约，请使用或取消后再预约',
  BOOKING_QUOTA_WEEKLY: '本周预约时长已达上限',
  BOOKING_SUSPENDED: '因多次预约未到场，您的预约功能暂停使用',
  BOOKING_NOT_CANCELLABLE: '该预约已开始或已结束，不能取消',
  BOOKING_NOT_PENDING: '该预约已处理过',
  BOOKING_REASON_REQUIRED: '请填写原因',
  BOOKING_NO_CHECKIN: '您现在没有可签到的该活动室预约（开始前 15 分钟至开始后 15 分钟内可签到）',
  BOOKING_NOT_CHECKABLE: '该预约当前不能签到',
  SCAN_CODE_UNKNOWN: '无法识别的二维码',
} as const;

export type ErrorCode = keyof typeof errorMessages;

/** The body of every error response. `fields` names the offending fields of a 400. */
export interface ApiError {
  statusCode: number;
  code: ErrorCode | string;
  message: string;
  fields?: string[];
}

/** What to show a person: the server's own message (Chinese, and specific, e.g. naming fields), else the message of its code. */
export function messageForError(error: Partial<ApiError>): string {
  const known = error.code && (errorMessages as Record<string, string>)[error.code];
  return error.message || known || errorMessages.INTERNAL_ERROR;
}
