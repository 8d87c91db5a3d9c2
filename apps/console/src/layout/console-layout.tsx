import {
  AuditOutlined,
  BarChartOutlined,
  DashboardOutlined,
  MessageOutlined,
  CalendarOutlined,
  FieldTimeOutlined,
  HeartOutlined,
  InteractionOutlined,
  LogoutOutlined,
  NotificationOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { roleLabels, type UserView } from '@linli/shared-types';
import { App, Button, Layout, Menu, Select, Space, Tag, Typography, theme, type MenuProps } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useCommunityScope } from '../hooks/useCommunityScope';
import { useLogout } from '../hooks/useSession';

const menuItems: MenuProps['items'] = [
  { key: '/', icon: <DashboardOutlined />, label: '工作台' },
  { key: '/requests', icon: <MessageOutlined />, label: '居民诉求' },
  { key: '/requests/stats', icon: <BarChartOutlined />, label: '三率统计' },
  { key: '/notices', icon: <NotificationOutlined />, label: '公告' },
  { key: '/bookings', icon: <CalendarOutlined />, label: '预约' },
  { key: '/activities', icon: <HeartOutlined />, label: '志愿活动' },
  { key: '/centre', icon: <TeamOutlined />, label: '活动中心' },
  { key: '/help', icon: <InteractionOutlined />, label: '邻里互助' },
  { key: '/timebank', icon: <FieldTimeOutlined />, label: '时间银行' },
  { key: '/residents', icon: <TeamOutlined />, label: '居民' },
  { key: '/audit', icon: <AuditOutlined />, label: '审计' },
];

/** The menu item of a path: its first segment, except 三率统计 which sits under requests/. */
function selectedMenuKey(pathname: string): string {
  if (pathname.startsWith('/requests/stats')) return '/requests/stats';
  return `/${pathname.split('/')[1] ?? ''}`;
}

/** The switcher's value for 全街道 (community ids are positive). */
const STREET_WIDE_OPTION = 0;

function CommunityIndicator() {
  const scope = useCommunityScope();
  if (!scope.canSwitch) {
    return <Typography.Text data-testid="current-community">{scope.community?.name ?? '未分配社区'}</Typography.Text>;
  }
  return (
    <Select
      data-testid="community-switcher"
      aria-label="切换社区"
      style={{ minWidth: 160 }}
      placeholder="选择社区"
      loading={scope.communities.length === 0 && !scope.ready}
      value={scope.streetWide ? STREET_WIDE_OPTION : scope.communityId}
      onChange={(value: number) => scope.selectCommunity(value === STREET_WIDE_OPTION ? null : value)}
      options={[
        { value: STREET_WIDE_OPTION, label: '全街道' },
        ...scope.communities.map((community) => ({ value: community.id, label: community.name })),
      ]}
    />
  );
}

export function ConsoleLayout({ user }: { user: UserView }) {
  const displayName = user.name ?? user.username ?? '工作人员';
  const { token } = theme.useToken();
  const { modal, message } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const selectedKey = selectedMenuKey(location.pathname);

  const confirmLogout = () =>
    modal.confirm({
      title: '确定退出登录？',
      content: '退出后需要重新输入用户名和密码。',
      okText: '退出',
      cancelText: '取消',
      onOk: async () => {
        try {
          await logout.mutateAsync();
        } catch {
          message.warning('服务器未响应，已在本机退出登录');
        }
        void navigate('/login', { replace: true });
      },
    });

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={64}
        theme="light"
        style={{ borderRight: `1px solid ${token.colorBorderSecondary}` }}
      >
        <div style={{ height: 64, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          <Typography.Title level={4} style={{ margin: 0, color: token.colorPrimary, whiteSpace: 'nowrap' }}>
            邻里
          </Typography.Title>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[selectedKey]}
          items={menuItems}
          onClick={({ key }) => navigate(key)}
          style={{ borderInlineEnd: 'none' }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            padding: '0 24px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 16,
          }}
        >
          <Typography.Text strong style={{ fontSize: 16 }}>
            社区工作台
          </Typography.Text>
          <Space size="middle" wrap={false}>
            <CommunityIndicator />
            <Space size={4}>
              {/* A shared account named after its role (街道管理员) shows the word once, in the tag. */}
              {displayName !== roleLabels[user.role] && (
                <Typography.Text data-testid="current-user-name">{displayName}</Typography.Text>
              )}
              <Tag color={user.role === 'admin' ? 'purple' : 'blue'} data-testid="current-user-role">
                {roleLabels[user.role]}
              </Tag>
            </Space>
            <Button icon={<LogoutOutlined />} onClick={confirmLogout} data-testid="logout">
              退出登录
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
