import type { CreateNoticeRequest, NoticeCategory, NoticeView } from '@linli/shared-types';
import { NOTICE_BODY_MAX, NOTICE_TITLE_MAX } from '@linli/shared-types';
import type { Dayjs } from 'dayjs';
import { fromCommunityWallClock, toCommunityWallClock } from './dayjs';

export type AudienceMode = 'community' | 'buildings';
export type PublishMode = 'now' | 'scheduled';

/** What the editor form holds; times are community wall-clock picker values. */
export interface NoticeFormValues {
  title: string;
  category: NoticeCategory;
  pinned: boolean;
  requiresAck: boolean;
  audienceMode: AudienceMode;
  audienceBuildingIds: number[];
  publishMode: PublishMode;
  publishAt: Dayjs | null;
  expiresAt: Dayjs | null;
  body: string;
}

export type NoticeFormField = keyof NoticeFormValues;

export const emptyNoticeForm: NoticeFormValues = {
  title: '',
  category: 'announcement',
  pinned: false,
  requiresAck: false,
  audienceMode: 'community',
  audienceBuildingIds: [],
  publishMode: 'now',
  publishAt: null,
  expiresAt: null,
  body: '',
};

export function noticeToFormValues(notice: NoticeView): NoticeFormValues {
  return {
    title: notice.title,
    category: notice.category,
    pinned: notice.pinned,
    requiresAck: notice.requiresAck,
    audienceMode: notice.audienceBuildingIds.length > 0 ? 'buildings' : 'community',
    audienceBuildingIds: notice.audienceBuildingIds,
    publishMode: notice.publishAt ? 'scheduled' : 'now',
    publishAt: notice.publishAt ? toCommunityWallClock(notice.publishAt) : null,
    expiresAt: notice.expiresAt ? toCommunityWallClock(notice.expiresAt) : null,
    body: notice.body,
  };
}

/** The body of POST notices / PATCH notices/:id; every field is sent, so a PATCH also clears what was emptied. */
export function formValuesToRequest(values: NoticeFormValues): Omit<CreateNoticeRequest, 'communityId'> {
  return {
    title: values.title.trim(),
    body: values.body,
    category: values.category,
    pinned: values.pinned,
    requiresAck: values.requiresAck,
    audienceBuildingIds: values.audienceMode === 'buildings' ? values.audienceBuildingIds : [],
    publishAt: values.publishMode === 'scheduled' && values.publishAt ? fromCommunityWallClock(values.publishAt) : null,
    expiresAt: values.expiresAt ? fromCommunityWallClock(values.expiresAt) : null,
  };
}

/** MySQL TEXT holds 65,535 bytes: the server refuses a body beyond that (many emoji) even under 20,000 characters. */
export const NOTICE_BODY_MAX_BYTES = 65_535;

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** Chinese text for a field the server named in a 400 `fields` list. */
const fieldProblems: Partial<Record<NoticeFormField, string>> = {
  title: `标题需为 1–${NOTICE_TITLE_MAX} 个字`,
  body: `正文需为 1–${NOTICE_BODY_MAX.toLocaleString('zh-CN')} 个字`,
  category: '请选择分类',
  pinned: '置顶设置无效',
  requiresAck: '需确认设置无效',
  audienceBuildingIds: '所选楼栋无效',
  publishAt: '发布时间无效',
  expiresAt: '过期时间无效',
};

/** The form field for a server field path (`audienceBuildingIds.0` → audienceBuildingIds); null when the form has none. */
export function formFieldOf(serverField: string): NoticeFormField | null {
  const root = serverField.split(/[.[]/)[0] as NoticeFormField;
  return root in fieldProblems ? root : null;
}

export function fieldProblem(field: NoticeFormField): string {
  return fieldProblems[field] ?? '内容有误';
}

/** Rule refusals that belong to one field of the form. */
export const fieldOfErrorCode: Record<string, NoticeFormField> = {
  NOTICE_TIME_INVALID: 'expiresAt',
  NOTICE_AUDIENCE_INVALID: 'audienceBuildingIds',
  NOTICE_BODY_TOO_LONG: 'body',
  BUILDING_NOT_FOUND: 'audienceBuildingIds',
};
