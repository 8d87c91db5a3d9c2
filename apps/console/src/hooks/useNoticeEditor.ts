import type { NoticeView } from '@linli/shared-types';
import { App, Form } from 'antd';
import type { Dayjs } from 'dayjs';
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { usePublishConfirm } from '../components/use-publish-confirm';
import { communityNowWallClock } from '../lib/dayjs';
import { showServerError as showFormServerError } from '../lib/form';
import {
  fieldOfErrorCode,
  fieldProblem,
  formFieldOf,
  formValuesToRequest,
  type NoticeFormValues,
} from '../lib/notice-form';
import { audienceLabel } from '../lib/notice-format';
import { useBuildings } from './useBuildings';
import { useCommunityScope } from './useCommunityScope';
import { usePublishNotice, useSaveNotice } from './useNotices';

export type NoticeIntent = 'draft' | 'publish';

/**
 * The notice editor's form and its two ways out: save as a draft, or save and publish (after the
 * confirmation that names the audience). A retry after a failed publish edits the draft already saved.
 */
export function useNoticeEditor(notice: NoticeView | null) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const scope = useCommunityScope();
  const [form] = Form.useForm<NoticeFormValues>();
  const save = useSaveNotice();
  const publish = usePublishNotice();
  const confirmPublish = usePublishConfirm();
  const [busy, setBusy] = useState<NoticeIntent | null>(null);
  // The id once the draft exists, so that a retry after a failed publish edits it instead of creating another.
  const savedId = useRef<number | undefined>(notice?.id);

  const communityId = notice?.communityId ?? scope.community?.id;
  const communityName = (scope.canSwitch ? scope.communities.find((c) => c.id === communityId) : scope.community)?.name;
  const buildings = useBuildings(communityId);
  const scheduledNotice = notice?.status === 'scheduled';

  const audienceMode = Form.useWatch('audienceMode', form);
  const publishMode = Form.useWatch('publishMode', form);
  const body = Form.useWatch('body', form) ?? '';
  const previewSource = useDeferredValue(body);

  // An admin who switches community while writing a new notice: the chosen buildings belong to the old one.
  const previousCommunity = useRef(communityId);
  useEffect(() => {
    if (notice || previousCommunity.current === communityId) return;
    previousCommunity.current = communityId;
    form.setFieldValue('audienceBuildingIds', []);
  }, [communityId, notice, form]);

  const showServerError = (error: unknown, prefix: string) =>
    showFormServerError(form, message, { formFieldOf, fieldProblem, fieldOfErrorCode }, error, prefix);

  const submit = async (intent: NoticeIntent) => {
    try {
      await form.validateFields();
    } catch {
      message.warning('请先修改标红的内容');
      return;
    }
    // Fields hidden by the current choices (e.g. the buildings when 全社区) are kept by the form: read them all.
    const values = form.getFieldsValue(true) as NoticeFormValues;
    if (values.audienceMode === 'buildings' && values.audienceBuildingIds.length === 0) {
      // The building list may not have loaded: never fall back to the whole community silently.
      message.warning('请至少选择一个楼栋，或选择全社区');
      return;
    }
    const input = formValuesToRequest(values);

    if (intent === 'publish') {
      const confirmed = await confirmPublish({
        title: input.title,
        audience:
          values.audienceMode === 'community'
            ? `全社区${communityName ? `（${communityName}）` : ''}的已认证居民`
            : `${audienceLabel(input.audienceBuildingIds ?? [], buildings.data)}的已认证居民`,
        requiresAck: values.requiresAck,
        publishAt: input.publishAt ?? null,
        expiresAt: input.expiresAt ?? null,
        alreadyScheduled: scheduledNotice,
      });
      if (!confirmed) return;
    }

    setBusy(intent);
    try {
      let saved: NoticeView;
      try {
        saved = await save.mutateAsync({ noticeId: savedId.current, input });
        savedId.current = saved.id;
      } catch (error) {
        showServerError(error, '保存失败');
        return;
      }

      if (intent === 'draft' || saved.status !== 'draft') {
        // A scheduled notice is saved as it stands: it is already on its way.
        message.success(saved.status === 'draft' ? '草稿已保存' : '修改已保存');
        if (saved.status !== 'draft') void navigate(`/notices?status=${saved.status}`);
        else if (!notice) void navigate(`/notices/${saved.id}/edit`, { replace: true });
        return;
      }

      try {
        const published = await publish.mutateAsync(saved.id);
        message.success(published.status === 'scheduled' ? '已定时发布' : '公告已发布');
        void navigate(`/notices?status=${published.status}`);
      } catch (error) {
        showServerError(error, '草稿已保存，但发布失败');
        if (!notice) void navigate(`/notices/${saved.id}/edit`, { replace: true });
      }
    } finally {
      setBusy(null);
    }
  };

  const validatePublishAt = async (_: unknown, value: Dayjs | null) => {
    if (form.getFieldValue('publishMode') !== 'scheduled') return;
    if (!value) throw new Error('请选择发布时间');
    if (!value.isAfter(communityNowWallClock())) throw new Error('定时发布的时间需晚于现在');
  };

  const validateExpiresAt = async (_: unknown, value: Dayjs | null) => {
    if (!value) return;
    const now = communityNowWallClock();
    if (!value.isAfter(now)) throw new Error('过期时间需晚于现在');
    const publishAt: Dayjs | null = form.getFieldValue('publishAt');
    if (form.getFieldValue('publishMode') === 'scheduled' && publishAt && !value.isAfter(publishAt)) {
      throw new Error('过期时间需晚于发布时间');
    }
  };

  return {
    form,
    busy,
    submit,
    canSwitchCommunity: scope.canSwitch,
    communityName,
    buildings,
    scheduledNotice,
    audienceMode,
    publishMode,
    previewSource,
    validatePublishAt,
    validateExpiresAt,
  };
}
