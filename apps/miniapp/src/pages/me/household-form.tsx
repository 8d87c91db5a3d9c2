import { useEffect, useMemo, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Picker, Text, View } from '@tarojs/components';
import type { UserView } from '@linli/shared-types';
import { Button, Input } from '../../components/nutui';
import { useBuildings } from '../../hooks/useCommunities';
import { useUpdateMe, verificationOf } from '../../hooks/useMe';

const MAX_LENGTH = 20;

interface HouseholdDraft {
  name: string;
  buildingId: number | null;
  unit: string;
  room: string;
}

function draftOf(user: UserView): HouseholdDraft {
  return { name: user.name ?? '', buildingId: user.building?.id ?? null, unit: user.unit ?? '', room: user.room ?? '' };
}

function problemOf(draft: HouseholdDraft): string | null {
  if (!draft.name.trim()) return '请填写姓名';
  if (draft.buildingId === null) return '请选择楼栋';
  if (!draft.unit.trim()) return '请填写单元';
  if (!draft.room.trim()) return '请填写房号';
  return null;
}

/** A pending resident tells staff where they live; staff verify it in the console. */
export function HouseholdForm({ user }: { user: UserView }) {
  const buildings = useBuildings(true);
  const update = useUpdateMe();
  const [draft, setDraft] = useState<HouseholdDraft>(() => draftOf(user));
  const [formError, setFormError] = useState<string | null>(null);
  const edited = useRef(false);

  // A refreshed profile (pull-down, or the answer to a submit) replaces the draft unless the user is mid-edit.
  useEffect(() => {
    if (!edited.current) setDraft(draftOf(user));
  }, [user]);

  const items = useMemo(() => buildings.data ?? [], [buildings.data]);
  const buildingIndex = useMemo(() => items.findIndex((b) => b.id === draft.buildingId), [items, draft.buildingId]);
  const buildingName = buildingIndex >= 0 ? items[buildingIndex].name : user.building?.name;
  const submitted = verificationOf(user) === 'submitted';

  const change = (patch: Partial<HouseholdDraft>) => {
    edited.current = true;
    setDraft((current) => ({ ...current, ...patch }));
    setFormError(null);
  };

  const submit = async () => {
    const problem = problemOf(draft);
    setFormError(problem);
    if (problem || draft.buildingId === null) return;
    edited.current = false;
    const ok = await update.submit({
      name: draft.name.trim(),
      buildingId: draft.buildingId,
      unit: draft.unit.trim(),
      room: draft.room.trim(),
    });
    if (ok) void Taro.showToast({ title: '已提交', icon: 'success' });
  };

  const error = formError ?? update.error;
  return (
    <View className="lk-card lk-household e2e-household-form">
      <Text className="lk-card__title">住户认证</Text>
      <Text className="lk-muted lk-household__intro">
        {submitted
          ? '已提交住户信息，等待社区工作人员核实。信息有误可修改后重新提交。'
          : '填写您的住址，社区工作人员核实后即可使用预约和志愿服务。'}
      </Text>

      <Text className="lk-household__label">姓名</Text>
      <Input
        className="lk-household__input e2e-household-name"
        placeholder="请输入真实姓名"
        maxLength={MAX_LENGTH}
        value={draft.name}
        onChange={(value) => change({ name: value })}
      />

      <Text className="lk-household__label">楼栋</Text>
      {buildings.error ? (
        <View className="lk-household__retry">
          <Text className="lk-form-error">{buildings.error}</Text>
          <Text className="lk-household__link" onClick={() => void buildings.reload()}>
            重试
          </Text>
        </View>
      ) : (
        <Picker
          mode="selector"
          range={items.map((b) => b.name)}
          value={Math.max(buildingIndex, 0)}
          disabled={buildings.loading || items.length === 0}
          onChange={(event) => change({ buildingId: items[Number(event.detail.value)]?.id ?? null })}
        >
          <View className="lk-household__picker e2e-household-building">
            <Text className={buildingName ? '' : 'lk-household__placeholder'}>
              {buildingName ?? (buildings.loading ? '正在加载楼栋…' : '请选择楼栋')}
            </Text>
            <Text className="lk-household__chevron">›</Text>
          </View>
        </Picker>
      )}

      <View className="lk-household__row">
        <View className="lk-household__cell">
          <Text className="lk-household__label">单元</Text>
          <Input
            className="lk-household__input e2e-household-unit"
            placeholder="如 2"
            maxLength={MAX_LENGTH}
            value={draft.unit}
            onChange={(value) => change({ unit: value })}
          />
        </View>
        <View className="lk-household__cell">
          <Text className="lk-household__label">房号</Text>
          <Input
            className="lk-household__input e2e-household-room"
            placeholder="如 301"
            maxLength={MAX_LENGTH}
            value={draft.room}
            onChange={(value) => change({ room: value })}
          />
        </View>
      </View>

      <Button
        className="lk-button-block e2e-household-submit"
        type="primary"
        shape="round"
        block
        loading={update.saving}
        disabled={update.saving}
        onClick={() => void submit()}
      >
        {submitted ? '重新提交' : '提交认证信息'}
      </Button>
      {error ? <Text className="lk-form-error e2e-household-error">{error}</Text> : null}
      {update.saved && !error ? (
        <Text className="lk-form-success e2e-household-saved">已提交，请等待社区工作人员核实。</Text>
      ) : null}
    </View>
  );
}
