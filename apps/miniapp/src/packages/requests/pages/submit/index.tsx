import { useMemo, useState } from 'react';
import Taro from '@tarojs/taro';
import { Image, Picker, Text, Textarea, View } from '@tarojs/components';
import {
  REQUEST_DESCRIPTION_MAX,
  REQUEST_PHOTOS_MAX,
  REQUEST_PLACE_MAX,
  REQUEST_TITLE_MAX,
  requestCategories,
  requestCategoryLabels,
  type CreateRequestRequest,
  type RequestCategory,
} from '@linli/shared-types';
import { PageShell } from '../../../../components/page-shell';
import { Button, Input, Switch } from '../../../../components/nutui';
import { useBuildings } from '../../../../hooks/useCommunities';
import { usePhotoDrafts, type PhotoDraft } from '../../../../hooks/usePhotoDrafts';
import { useSubmitRequest } from '../../../../hooks/useRequests';
import { useSession } from '../../../../hooks/useSession';
import { requestPages } from '../../../../routes';
import '../../components/requests.scss';
import './index.scss';

interface Draft {
  category: RequestCategory | null;
  title: string;
  description: string;
  buildingId: number | null;
  place: string;
  urgent: boolean;
  public: boolean;
}

type Field = 'category' | 'title' | 'description' | 'photos';

const emptyDraft: Draft = {
  category: null,
  title: '',
  description: '',
  buildingId: null,
  place: '',
  urgent: false,
  public: false,
};

function check(draft: Draft, photosReady: boolean): Partial<Record<Field, string>> {
  const problems: Partial<Record<Field, string>> = {};
  if (!draft.category) problems.category = '请选择诉求类别';
  if (!draft.title.trim()) problems.title = '请用一句话说明是什么事';
  else if (draft.title.trim().length > REQUEST_TITLE_MAX) problems.title = `标题最多 ${REQUEST_TITLE_MAX} 个字`;
  if (!draft.description.trim()) problems.description = '请描述具体情况';
  else if (draft.description.trim().length > REQUEST_DESCRIPTION_MAX)
    problems.description = `描述最多 ${REQUEST_DESCRIPTION_MAX} 个字`;
  if (!photosReady) problems.photos = '照片还在上传或上传失败：请等待、重试或删除后再提交';
  return problems;
}

function PhotoTile({ draft, onRetry, onRemove }: { draft: PhotoDraft; onRetry(): void; onRemove(): void }) {
  return (
    <View className={`lk-req-upload lk-req-upload--${draft.state} e2e-photo-draft e2e-photo-draft-${draft.state}`}>
      <Image className="lk-req-upload__img" src={draft.photo.path} mode="aspectFill" />
      {draft.state === 'uploading' ? (
        <View className="lk-req-upload__veil">
          <Text className="lk-req-upload__text e2e-photo-progress">{`上传中 ${draft.progress}%`}</Text>
          <View className="lk-req-upload__bar">
            <View className="lk-req-upload__bar-fill" style={{ width: `${draft.progress}%` }} />
          </View>
        </View>
      ) : null}
      {draft.state === 'failed' ? (
        <View className="lk-req-upload__veil lk-req-upload__veil--failed" onClick={onRetry}>
          <Text className="lk-req-upload__text">上传失败</Text>
          <Text className="lk-req-upload__retry e2e-photo-retry">点此重试</Text>
        </View>
      ) : null}
      {draft.state === 'done' ? <Text className="lk-req-upload__ok">已上传</Text> : null}
      <Text className="lk-req-upload__remove e2e-photo-remove" onClick={onRemove}>
        删除
      </Text>
    </View>
  );
}

export default function SubmitRequestPage() {
  const { user, loggedIn } = useSession();
  const buildings = useBuildings(loggedIn);
  const photos = usePhotoDrafts(REQUEST_PHOTOS_MAX);
  const submit = useSubmitRequest();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});

  const buildingOptions = useMemo(() => [{ id: null, name: '不选楼栋' }, ...(buildings.data ?? [])], [buildings.data]);
  const buildingIndex = Math.max(
    0,
    buildingOptions.findIndex((b) => b.id === draft.buildingId),
  );

  const change = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setProblems((current) => ({ ...current, [field]: undefined }));
    submit.clearError();
  };

  const send = async () => {
    const found = check(draft, photos.ready);
    setProblems(found);
    if (Object.keys(found).length || !draft.category) return;
    const body: CreateRequestRequest = {
      category: draft.category,
      title: draft.title.trim(),
      description: draft.description.trim(),
      urgent: draft.urgent,
      public: draft.public,
    };
    if (draft.buildingId !== null) body.buildingId = draft.buildingId;
    if (draft.place.trim()) body.place = draft.place.trim();
    if (photos.uploadIds.length) body.photoIds = photos.uploadIds;
    const created = await submit.run(body);
    if (created) {
      void Taro.showToast({ title: '已提交', icon: 'success' });
      void Taro.redirectTo({ url: `${requestPages.detail}?id=${created.id}&created=1` });
    }
  };

  if (user && user.status !== 'verified') {
    return (
      <PageShell className="lk-req-submit">
        <View className="lk-card e2e-request-not-verified">
          <Text className="lk-card__title">请先完成住户认证</Text>
          <Text className="lk-muted">反映诉求需要社区核实您的住址。请在“我的”页面填写楼栋、单元和房号。</Text>
          <Button
            className="lk-button-block"
            type="primary"
            shape="round"
            block
            onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}
          >
            去“我的”填写住址
          </Button>
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell className="lk-req-submit">
      <View className="lk-card e2e-request-form">
        <Text className="lk-req-label">什么类别的事？</Text>
        <View className="lk-req-chips">
          {requestCategories.map((category) => (
            <Text
              key={category}
              className={`lk-req-chip e2e-request-category-${category}${draft.category === category ? ' lk-req-chip--on' : ''}`}
              onClick={() => change('category', category)}
            >
              {requestCategoryLabels[category]}
            </Text>
          ))}
        </View>
        {problems.category ? (
          <Text className="lk-form-error e2e-request-category-error">{problems.category}</Text>
        ) : null}

        <Text className="lk-req-label">一句话说明</Text>
        <Input
          className="lk-req-input e2e-request-title"
          placeholder="如：3栋楼道灯坏了"
          maxLength={REQUEST_TITLE_MAX}
          value={draft.title}
          onChange={(value) => change('title', value)}
        />
        {problems.title ? <Text className="lk-form-error e2e-request-title-error">{problems.title}</Text> : null}

        <Text className="lk-req-label">具体情况</Text>
        <Textarea
          className="lk-req-textarea e2e-request-description"
          placeholder="什么时候开始的、影响了谁、希望怎么解决"
          maxlength={REQUEST_DESCRIPTION_MAX}
          value={draft.description}
          onInput={(event) => change('description', event.detail.value)}
        />
        <Text className="lk-muted">{`${draft.description.trim().length}/${REQUEST_DESCRIPTION_MAX} 字`}</Text>
        {problems.description ? (
          <Text className="lk-form-error e2e-request-description-error">{problems.description}</Text>
        ) : null}

        <Text className="lk-req-label">在哪里（可不填）</Text>
        <Picker
          mode="selector"
          range={buildingOptions.map((b) => b.name)}
          value={buildingIndex}
          onChange={(event) => change('buildingId', buildingOptions[Number(event.detail.value)]?.id ?? null)}
        >
          <View className="lk-req-picker e2e-request-building">
            <Text>{buildingOptions[buildingIndex]?.name ?? '不选楼栋'}</Text>
            <Text className="lk-muted">{buildings.loading ? '加载中…' : '选择 ›'}</Text>
          </View>
        </Picker>
        {buildings.error ? <Text className="lk-form-error">{`楼栋加载失败：${buildings.error}`}</Text> : null}
        <Input
          className="lk-req-input e2e-request-place"
          placeholder="具体位置，如：2单元门口"
          maxLength={REQUEST_PLACE_MAX}
          value={draft.place}
          onChange={(value) => change('place', value)}
        />

        <Text className="lk-req-label">{`照片（最多 ${REQUEST_PHOTOS_MAX} 张）`}</Text>
        <View className="lk-req-uploads">
          {photos.photos.map((item) => (
            <PhotoTile
              key={item.key}
              draft={item}
              onRetry={() => photos.retry(item.key)}
              onRemove={() => photos.remove(item.key)}
            />
          ))}
          {photos.photos.length < REQUEST_PHOTOS_MAX ? (
            <View className="lk-req-upload lk-req-upload--add e2e-photo-add" onClick={() => void photos.add()}>
              <Text className="lk-req-upload__plus">＋</Text>
              <Text className="lk-req-upload__text">拍照或选图</Text>
            </View>
          ) : null}
        </View>
        {photos.notice ? <Text className="lk-form-error e2e-photo-notice">{photos.notice}</Text> : null}
        {problems.photos && !photos.ready ? <Text className="lk-form-error">{problems.photos}</Text> : null}

        <View className="lk-req-switch">
          <View className="lk-req-switch__text">
            <Text className="lk-req-switch__title">紧急</Text>
            <Text className="lk-muted">影响安全或生活的急事，社区 2 小时内受理</Text>
          </View>
          <Switch className="e2e-request-urgent" checked={draft.urgent} onChange={(value) => change('urgent', value)} />
        </View>
        <View className="lk-req-switch">
          <View className="lk-req-switch__text">
            <Text className="lk-req-switch__title">公开给邻居</Text>
            <Text className="lk-muted">邻居可以看到并点“我也遇到”；不显示您的姓名和住址</Text>
          </View>
          <Switch className="e2e-request-public" checked={draft.public} onChange={(value) => change('public', value)} />
        </View>

        {submit.error ? <Text className="lk-form-error e2e-request-submit-error">{submit.error}</Text> : null}
        <Button
          className="lk-button-block e2e-request-submit"
          type="primary"
          shape="round"
          block
          loading={submit.busy}
          disabled={submit.busy}
          onClick={() => void send()}
        >
          {submit.busy ? '正在提交…' : '提交'}
        </Button>
        <Text className="lk-muted lk-req-submit__note">
          社区受理后会有专人办理，每一步您都能在“我的诉求”里看到，也会收到消息。
        </Text>
      </View>
    </PageShell>
  );
}
