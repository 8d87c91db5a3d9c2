import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { PasswordLoginRequest } from '@linli/shared-types';
import { Alert, Button, Card, Form, Input, Typography, theme } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useLogin } from '../hooks/useSession';
import { getToken } from '../services/http';

/** Where to go after logging in: the page that sent the user here, else the residents list. */
function targetAfterLogin(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && from !== '/login' ? from : '/';
}

export function LoginPage() {
  const { token } = theme.useToken();
  const location = useLocation();
  const navigate = useNavigate();
  const login = useLogin();

  if (getToken() !== null && !login.isPending) return <Navigate to={targetAfterLogin(location.state)} replace />;

  const submit = (values: PasswordLoginRequest) =>
    login.mutate(
      { username: values.username.trim(), password: values.password },
      { onSuccess: () => void navigate(targetAfterLogin(location.state), { replace: true }) },
    );

  return (
    <div
      style={{
        minHeight: '100vh',
        boxSizing: 'border-box',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: token.colorBgLayout,
        padding: 24,
      }}
    >
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          邻里 · 社区工作台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          社区工作者与街道管理员登录
        </Typography.Paragraph>
        {/* No form name: antd then gives the inputs the ids #username and #password. */}
        <Form<PasswordLoginRequest> layout="vertical" requiredMark={false} onFinish={submit} disabled={login.isPending}>
          <Form.Item
            label="用户名"
            name="username"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" placeholder="用户名" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="密码" />
          </Form.Item>
          {login.isError && (
            <Alert
              type="error"
              showIcon
              title={login.error.message}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          )}
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
