import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import {
  GROUP_DESCRIPTION_MAX,
  GROUP_MEMBER_CAP_MAX,
  GROUP_NAME_MAX,
  groupKindLabels,
  groupKinds,
  type GroupKind,
} from '@linli/shared-types';
import { PageShell } from '../../../../components/page-shell';
import { Button, Input } from '../../../../components/nutui';
import { useProposeGroup } from '../../../../hooks/useCentre';
import { centrePages } from '../../components/centre-pages';
import '../../components/centre.scss';

/** A verified resident proposes a group; staff approve it before neighbours can join. */
export default function ProposeGroupPage() {
  const propose = useProposeGroup();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<GroupKind | null>(null);
  const [description, setDescription] = useState('');
  const [cap, setCap] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async () => {
    const capNumber = cap.trim() ? Number(cap.trim()) : null;
    if (!name.trim()) return setProblem('请填写小组名称');
    if (!kind) return setProblem('请选择小组类别');
    if (!description.trim()) return setProblem('请介绍一下小组：做什么、多久聚一次');
    if (capNumber !== null && (!Number.isInteger(capNumber) || capNumber < 2 || capNumber > GROUP_MEMBER_CAP_MAX))
      return setProblem(`人数上限请填 2–${GROUP_MEMBER_CAP_MAX} 的整数，或留空表示不限`);
    setProblem(null);
    const group = await propose.run({
      name: name.trim(),
      kind,
      description: description.trim(),
      ...(capNumber !== null ? { memberCap: capNumber } : {}),
    });
    if (group) {
      void Taro.showToast({ title: '已提交，等待社区审核', icon: 'none' });
      void Taro.redirectTo({ url: `${centrePages.group}?id=${group.id}` });
    }
  };

  return (
    <PageShell className="lk-centre-propose">
      <View className="lk-card">
        <Text className="lk-muted">社区工作人员审核通过后，小组会出现在列表里，邻居就可以加入。您是小组的负责人。</Text>
        <Text className="lk-centre-label">小组名称</Text>
        <Input
          className="lk-centre-input e2e-propose-name"
          placeholder="如：幸福里合唱团"
          maxLength={GROUP_NAME_MAX}
          value={name}
          onChange={setName}
        />
        <Text className="lk-centre-label">类别</Text>
        <View className="lk-centre-chips">
          {groupKinds.map((key) => (
            <Text
              key={key}
              className={`lk-centre-chip e2e-propose-kind-${key}${kind === key ? ' lk-centre-chip--on' : ''}`}
              onClick={() => setKind(key)}
            >
              {groupKindLabels[key]}
            </Text>
          ))}
        </View>
        <Text className="lk-centre-label">介绍和活动安排</Text>
        <Textarea
          className="lk-centre-textarea e2e-propose-description"
          placeholder="做什么、什么时候聚、欢迎什么样的邻居"
          maxlength={GROUP_DESCRIPTION_MAX}
          value={description}
          onInput={(event) => setDescription(event.detail.value)}
        />
        <Text className="lk-centre-label">人数上限（可不填）</Text>
        <Input
          className="lk-centre-input e2e-propose-cap"
          type="number"
          placeholder="不填表示不限"
          value={cap}
          onChange={setCap}
        />
        {problem ? <Text className="lk-form-error e2e-propose-problem">{problem}</Text> : null}
        {propose.error ? <Text className="lk-form-error e2e-propose-error">{propose.error}</Text> : null}
        <Button
          className="lk-button-block e2e-propose-submit"
          type="primary"
          shape="round"
          block
          loading={propose.busy}
          disabled={propose.busy}
          onClick={() => void submit()}
        >
          提交申请
        </Button>
      </View>
    </PageShell>
  );
}
