import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';

export function NotFoundPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title="页面不存在"
      subTitle="请从左侧菜单进入需要的功能。"
      extra={
        <Button type="primary" onClick={() => navigate('/residents')}>
          返回居民管理
        </Button>
      }
    />
  );
}
