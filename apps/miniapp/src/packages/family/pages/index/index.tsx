import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { familyRelations, type FamilyBindingView, type FamilyRelation } from '@linli/shared-types';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { PageShell } from '../../../../components/page-shell';
import { Button, Input } from '../../../../components/nutui';
import { useActingFor, useFamily, useFamilyCredit } from '../../../../hooks/useFamily';
import { formatShanghaiTime } from '../../../../lib/time';
import { CreditAskForm, CreditAsksToMe } from './credit-asks';
import './index.scss';

function Person({ binding, side }: { binding: FamilyBindingView; side: 'elder' | 'member' }) {
  const person = binding[side];
  return (
    <View className="lk-family-person">
      <Text className="lk-family-person__name">
        {side === 'member' ? `${binding.relation} ${person.name ?? ''}` : (person.name ?? '')}
      </Text>
      <Text className="lk-muted">
        {[person.communityName, person.phone].filter(Boolean).join(' · ')}
        {binding.via === 'desk' ? ' · 社区窗口绑定' : ''}
      </Text>
    </View>
  );
}

export default function FamilyPage() {
  const family = useFamily();
  const credit = useFamilyCredit();
  const [actingFor, setActingFor] = useActingFor();
  const [code, setCode] = useState('');
  const [relation, setRelation] = useState<FamilyRelation>('女儿');
  const [revoking, setRevoking] = useState<FamilyBindingView | null>(null);
  const members = family.data?.members ?? [];
  const elders = family.data?.elders ?? [];

  return (
    <PageShell className="lk-family">
      {actingFor ? (
        <View className="lk-card lk-family__acting e2e-acting-for">
          <Text className="lk-family__acting-text">正在为 {actingFor.elderName} 代办</Text>
          <Button className="lk-tap e2e-stop-acting" type="primary" fill="outline" onClick={() => setActingFor(null)}>
            结束代办
          </Button>
        </View>
      ) : null}

      {family.loading && !family.data ? <Text className="lk-muted">正在加载…</Text> : null}
      {family.error ? <Text className="lk-form-error">{family.error}</Text> : null}
      {family.actionError ? <Text className="lk-form-error e2e-family-error">{family.actionError}</Text> : null}
      {credit.actionError ? <Text className="lk-form-error e2e-credit-error">{credit.actionError}</Text> : null}

      <View className="lk-card">
        <Text className="lk-family__title">让家人为我代办</Text>
        <Text className="lk-family__hint">
          生成绑定码，告诉您的子女。他们在自己的微信里输入后，就可以帮您预约、报名、查看通知和余额；不能转出您的时间币，除非转给他们本人并由您亲自确认。
        </Text>
        {family.code ? (
          <View className="lk-family__code e2e-family-code">
            <Text className="lk-family__code-digits">{family.code.code}</Text>
            <Text className="lk-muted">{formatShanghaiTime(family.code.expiresAt)} 前有效，只能使用一次</Text>
          </View>
        ) : null}
        <Button
          className="lk-tap lk-button-block e2e-make-code"
          type="primary"
          block
          disabled={family.busy}
          onClick={() => void family.makeCode()}
        >
          {family.code ? '重新生成绑定码' : '生成绑定码'}
        </Button>
        <Text className="lk-family__subtitle">为我代办的家人</Text>
        {members.length === 0 ? <Text className="lk-muted">还没有家人绑定</Text> : null}
        {members.map((b) => (
          <View key={b.id} className={`lk-family-row e2e-family-member e2e-family-member-${b.id}`}>
            <Person binding={b} side="member" />
            <Button className="lk-tap e2e-revoke" type="danger" fill="outline" onClick={() => setRevoking(b)}>
              解除
            </Button>
          </View>
        ))}
        <CreditAsksToMe credit={credit} />
      </View>

      <View className="lk-card">
        <Text className="lk-family__title">为长辈代办</Text>
        <Text className="lk-family__hint">输入长辈在“亲情代办”里生成的 6 位绑定码。</Text>
        <Input
          className="lk-family__input e2e-bind-code"
          type="digit"
          maxLength={6}
          placeholder="6 位绑定码"
          value={code}
          onChange={(value: string) => setCode(value.replace(/\D/g, ''))}
        />
        <Text className="lk-family__subtitle">我是长辈的</Text>
        <View className="lk-family__relations">
          {familyRelations.map((r) => (
            <Button
              key={r}
              className={`lk-tap e2e-relation-${r}`}
              type={relation === r ? 'primary' : 'default'}
              fill={relation === r ? 'solid' : 'outline'}
              onClick={() => setRelation(r)}
            >
              {relation === r ? `✓ ${r}` : r}
            </Button>
          ))}
        </View>
        <Button
          className="lk-tap lk-button-block e2e-bind"
          type="primary"
          block
          disabled={family.busy || code.length !== 6}
          onClick={() => void family.bind(code, relation).then(() => setCode(''))}
        >
          绑定
        </Button>
        <Text className="lk-family__subtitle">我可代办的长辈</Text>
        {elders.length === 0 ? <Text className="lk-muted">还没有绑定长辈</Text> : null}
        {elders.map((b) => {
          const active = actingFor?.elderId === b.elder.id;
          return (
            <View key={b.id} className={`lk-family-row e2e-family-elder e2e-family-elder-${b.elder.id}`}>
              <Person binding={b} side="elder" />
              <View className="lk-family-row__actions">
                <Button
                  className="lk-tap e2e-act-for"
                  type="primary"
                  fill={active ? 'solid' : 'outline'}
                  onClick={() =>
                    setActingFor(active ? null : { elderId: b.elder.id, elderName: b.elder.name ?? '长辈' })
                  }
                >
                  {active ? `✓ 正在为 ${b.elder.name ?? '长辈'} 代办` : `为 ${b.elder.name ?? '长辈'} 代办`}
                </Button>
                <Button className="lk-tap e2e-revoke" type="danger" fill="outline" onClick={() => setRevoking(b)}>
                  解除
                </Button>
              </View>
              <CreditAskForm binding={b} credit={credit} />
            </View>
          );
        })}
      </View>

      {revoking ? (
        <ConfirmDialog
          title="解除亲情代办"
          confirmText="解除"
          confirmClassName="e2e-revoke-confirm"
          danger
          busy={family.busy}
          onCancel={() => setRevoking(null)}
          onConfirm={() => void family.revoke(revoking.id, revoking.elder.id).then(() => setRevoking(null))}
        >
          <Text>解除后立即生效，对方将不能再代办。</Text>
        </ConfirmDialog>
      ) : null}
    </PageShell>
  );
}
