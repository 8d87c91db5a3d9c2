import { Button, Result, Spin } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useCurrentUser, useLogout } from '../hooks/useSession';
import { ConsoleLayout } from '../layout/console-layout';
import { isStaffUser } from '../services/auth';
import { ApiRequestError, getToken } from '../services/http';
import { CommunityScopeProvider } from './community-scope';

/** Pages behind it need a logged-in staff member or admin; anyone else goes to the login page. */
export function RequireStaff() {
  const location = useLocation();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const logout = useLogout();

  if (getToken() === null) return <Navigate to="/login" replace state={{ from: location.pathname }} />;

  if (me.isPending) {
    return (
      <div style={{ height: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" description="正在加载…" />
      </div>
    );
  }

  if (me.isError) {
    if (me.error instanceof ApiRequestError && me.error.statusCode === 401) return <Navigate to="/login" replace />;
    return (
      <Result
        status="error"
        title="无法加载账号信息"
        subTitle={me.error.message}
        extra={
          <Button type="primary" onClick={() => me.refetch()}>
            重试
          </Button>
        }
      />
    );
  }

  if (!isStaffUser(me.data)) {
    return (
      <Result
        status="403"
        title="此账号不是社区工作人员"
        subTitle="居民请使用「邻里」小程序。"
        extra={
          <Button
            type="primary"
            loading={logout.isPending}
            onClick={() => logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })}
          >
            换个账号登录
          </Button>
        }
      />
    );
  }

  return (
    <CommunityScopeProvider user={me.data}>
      <ConsoleLayout user={me.data} />
    </CommunityScopeProvider>
  );
}
