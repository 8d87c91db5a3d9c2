import Taro from '@tarojs/taro';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';
import { Text, View } from '@tarojs/components';
import { maskPhone, minutesToHours, type UserView } from '@linli/shared-types';
import { PageShell } from '../../components/page-shell';
import { Button, Cell, CellGroup, Tag } from '../../components/nutui';
import { ElderSwitch } from '../../components/elder-switch';
import { useMe, verificationOf, type Verification } from '../../hooks/useMe';
import { useLogout } from '../../hooks/useLogout';
import { useInboxUnread } from '../../hooks/useInbox';
import { useTimebankAccount } from '../../hooks/useTimebankAccount';
import { unreadBadgeText, useUnreadNotices } from '../../hooks/useUnreadNotices';
import { openPrivacyGuide } from '../../hooks/usePrivacy';
import { HouseholdForm } from './household-form';
import { requestPages, routes } from '../../routes';
import './index.scss';

// Dark text on a light tint: NutUI's white-on-pastel tags are too faint to read for older eyes.
// The words come from verificationOf, the same reading as the card on 首页.
const statusTag: Record<Verification, { text: string; color: string; background: string }> = {
  needsDetails: { text: '待认证', color: '#8a4500', background: '#fff1dc' },
  submitted: { text: '已提交，等待核实', color: '#8a4500', background: '#fff1dc' },
  verified: { text: '已认证', color: '#0f5e41', background: '#dff2e9' },
  disabled: { text: '已停用', color: '#a8261a', background: '#fde7e4' },
};

function Profile({ user }: { user: UserView }) {
  const status = statusTag[verificationOf(user)];
  return (
    <View className="lk-card lk-profile e2e-profile">
      <View className="lk-profile__head">
        <Text className="lk-profile__name e2e-profile-name">{user.name || '未填写姓名'}</Text>
        <View className="lk-profile__tags">
          <Tag className="e2e-profile-status" color={status.color} background={status.background} round>
            {status.text}
          </Tag>
          {user.volunteer ? (
            <Tag className="e2e-profile-volunteer" color="#ffffff" background="#146c4c" round>
              志愿者
            </Tag>
          ) : null}
        </View>
      </View>
      <CellGroup className="lk-profile__cells">
        <Cell title="社区" extra={user.community?.name ?? '—'} />
        <Cell title="楼栋" extra={user.building?.name ?? '未填写'} />
        <Cell title="单元" extra={user.unit || '未填写'} />
        <Cell title="房号" extra={user.room || '未填写'} />
        <Cell title="手机号" extra={maskPhone(user.phone) ?? '—'} />
      </CellGroup>
      {user.status === 'verified' ? (
        <Text className="lk-muted lk-profile__note">住户信息已认证，如需修改请联系社区工作人员。</Text>
      ) : null}
    </View>
  );
}

/** The 时间银行 cell: the balance at a glance, or why there is none yet. */
function TimebankEntry() {
  const { account, notVerified, error } = useTimebankAccount();
  let extra = <Text className="lk-muted">查看</Text>;
  if (notVerified) extra = <Text className="lk-muted">认证后可用</Text>;
  else if (account)
    extra = <Text className="lk-me__balance e2e-timebank-entry-balance">{minutesToHours(account.balance)}</Text>;
  else if (error) extra = <Text className="lk-muted">暂时无法读取</Text>;
  return (
    <Cell
      className="lk-me__timebank e2e-timebank-entry"
      title="时间银行"
      description="余额与明细、转赠邻居、兑换礼品"
      extra={extra}
      clickable
      onClick={() => void Taro.navigateTo({ url: routes.timebank })}
    />
  );
}

export default function MePage() {
  const { user, loading, error, refresh } = useMe();
  const { loggingOut, logout } = useLogout();
  const inboxUnread = useInboxUnread();
  // Keeps the 首页 badge right while this tab is on screen.
  useUnreadNotices();

  usePullToRefresh(async () => {
    await refresh();
  });

  const confirmLogout = async () => {
    const { confirm } = await Taro.showModal({
      title: '退出登录',
      content: '确定要退出当前账号吗？',
      confirmText: '退出',
      cancelText: '取消',
      confirmColor: '#c9301c',
    });
    if (confirm) await logout();
  };

  return (
    <PageShell className="lk-me">
      {!user && loading ? <Text className="lk-muted">正在加载…</Text> : null}
      {error ? (
        <View className="lk-me__error">
          <Text className="lk-form-error">{error}</Text>
          <Text className="lk-me__link" onClick={() => void refresh()}>
            重试
          </Text>
        </View>
      ) : null}

      {user ? <Profile user={user} /> : null}
      {user?.role === 'resident' && user.status === 'pending' ? <HouseholdForm user={user} /> : null}

      <View className="lk-card lk-me__settings">
        <CellGroup>
          {user?.role === 'resident' ? <TimebankEntry /> : null}
          {user?.role === 'resident' ? (
            <Cell
              className="lk-me__family e2e-family-entry"
              title="亲情代办"
              description="让子女为您预约、报名；或为长辈代办"
              extra={<Text className="lk-muted">查看</Text>}
              clickable
              onClick={() => void Taro.navigateTo({ url: routes.family })}
            />
          ) : null}
          {user?.role === 'resident' ? (
            <Cell
              className="lk-me__requests e2e-requests-entry"
              title="我的诉求"
              description="反映的事办到哪一步了，办完来评价"
              extra={<Text className="lk-muted">查看</Text>}
              clickable
              onClick={() => void Taro.navigateTo({ url: requestPages.mine })}
            />
          ) : null}
          <Cell
            className="lk-me__inbox e2e-inbox-entry"
            title="消息"
            description="预约结果、活动提醒、需确认的公告"
            extra={
              inboxUnread ? (
                <Text className="lk-me__badge e2e-inbox-entry-count">{unreadBadgeText(inboxUnread)}</Text>
              ) : (
                <Text className="lk-muted">查看</Text>
              )
            }
            clickable
            onClick={() => void Taro.navigateTo({ url: routes.inbox })}
          />
        </CellGroup>
      </View>

      <View className="lk-card lk-me__settings">
        <CellGroup>
          <View className="lk-me__elder">
            <ElderSwitch />
          </View>
          <Cell className="e2e-privacy-guide" title="隐私保护指引" extra="查看" clickable onClick={openPrivacyGuide} />
        </CellGroup>
      </View>

      <Button
        className="lk-button-block e2e-logout"
        type="danger"
        fill="outline"
        shape="round"
        block
        loading={loggingOut}
        disabled={loggingOut}
        onClick={() => void confirmLogout()}
      >
        退出登录
      </Button>
    </PageShell>
  );
}
