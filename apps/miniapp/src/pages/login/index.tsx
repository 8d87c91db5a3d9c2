import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../components/page-shell';
import { Button, Input } from '../../components/nutui';
import { useCommunities } from '../../hooks/useCommunities';
import { useDevLogin, usePlatformLogin } from '../../hooks/useLogin';
import { openPrivacyGuide, usePrivacy } from '../../hooks/usePrivacy';
import { useSession, useSessionEnd } from '../../hooks/useSession';
import { goHome } from '../../routes';
import './index.scss';

const PHONE_PATTERN = /^1\d{10}$/;

function DevLoginForm({ consented }: { consented: boolean }) {
  const communities = useCommunities();
  const dev = useDevLogin();
  const [phone, setPhone] = useState('');
  const [community, setCommunity] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const submit = () => {
    const trimmed = phone.trim();
    if (!PHONE_PATTERN.test(trimmed)) {
      setFormError('请输入 11 位手机号');
      return;
    }
    if (!community) {
      setFormError('请选择社区');
      return;
    }
    setFormError(null);
    void dev.login({ phone: trimmed, community });
  };

  const error = formError ?? dev.error;
  return (
    <View className="lk-card lk-login__dev e2e-devlogin">
      <Text className="lk-card__title">开发登录</Text>
      <Text className="lk-muted lk-login__note e2e-devlogin-note">
        开发登录仅在演示模式下开放，供体验和测试使用；正式环境请使用微信登录。
      </Text>

      <Text className="lk-login__label">手机号</Text>
      <Input
        className="lk-login__input e2e-devlogin-phone"
        type="number"
        maxLength={11}
        placeholder="请输入手机号"
        value={phone}
        onChange={(value) => {
          setPhone(value);
          setFormError(null);
        }}
      />

      <Text className="lk-login__label">选择社区</Text>
      <View className="lk-login__communities e2e-devlogin-community">
        {communities.loading ? <Text className="lk-muted">正在加载社区…</Text> : null}
        {communities.error ? (
          <View className="lk-login__retry">
            <Text className="lk-form-error">{communities.error}</Text>
            <Text className="lk-login__link" onClick={() => void communities.reload()}>
              重试
            </Text>
          </View>
        ) : null}
        {communities.data?.map((item) => {
          const selected = item.code === community;
          return (
            <View
              key={item.code}
              className={`lk-login__community e2e-community-option e2e-community-${item.code}${selected ? ' lk-login__community--selected' : ''}`}
              onClick={() => {
                setCommunity(item.code);
                setFormError(null);
              }}
            >
              <Text>{item.name}</Text>
            </View>
          );
        })}
      </View>

      <Button
        className="lk-button-block e2e-devlogin-submit"
        type="primary"
        shape="round"
        block
        loading={dev.loading}
        disabled={!consented || dev.loading}
        onClick={submit}
      >
        登录
      </Button>
      {error ? <Text className="lk-form-error e2e-devlogin-error">{error}</Text> : null}
    </View>
  );
}

export default function LoginPage() {
  const { loggedIn } = useSession();
  const privacy = usePrivacy();
  const wechat = usePlatformLogin();
  const sessionEnd = useSessionEnd();
  const [showDevLogin, setShowDevLogin] = useState(wechat.provider === null);
  const triedWechat = useRef(false);

  useEffect(() => {
    if (loggedIn) goHome();
  }, [loggedIn]);

  // On WeChat, log in silently once the privacy guide is accepted; the button retries.
  useEffect(() => {
    if (wechat.provider && privacy.accepted && !loggedIn && !triedWechat.current) {
      triedWechat.current = true;
      void wechat.login();
    }
  }, [wechat, privacy.accepted, loggedIn]);

  return (
    <PageShell className="lk-login" requireLogin={false} requirePrivacyConsent>
      <View className="lk-login__brand">
        <Text className="lk-login__logo">邻里</Text>
        <Text className="lk-login__slogan">社区公告 · 活动预约 · 志愿服务 · 时间银行</Text>
      </View>

      {sessionEnd ? (
        <View className="lk-card lk-login__expired e2e-session-expired">
          <Text className="lk-login__expired-text">{sessionEnd}</Text>
          <Text className="lk-muted">为保护您的账户，长时间未使用或在别处退出后需要重新登录。</Text>
        </View>
      ) : null}

      {!privacy.accepted && privacy.declined ? (
        <View className="lk-card lk-login__consent">
          <Text className="lk-muted">需要您同意《隐私保护指引》后才能登录和使用邻里。</Text>
          <Button className="lk-button-block" shape="round" block onClick={openPrivacyGuide}>
            查看隐私保护指引
          </Button>
        </View>
      ) : null}

      {wechat.provider === 'wechat' ? (
        <View className="lk-card">
          <Button
            className="e2e-wechat-login"
            type="primary"
            shape="round"
            size="large"
            block
            loading={wechat.loading}
            disabled={!privacy.accepted || wechat.loading}
            onClick={() => void wechat.login()}
          >
            微信一键登录
          </Button>
          {wechat.error ? <Text className="lk-form-error">{wechat.error}</Text> : null}
          {showDevLogin ? null : (
            <Text className="lk-login__link lk-login__switch" onClick={() => setShowDevLogin(true)}>
              使用开发登录（仅演示环境）
            </Text>
          )}
        </View>
      ) : null}

      {showDevLogin ? <DevLoginForm consented={privacy.accepted} /> : null}

      <View className="lk-login__privacy">
        <Text className="lk-muted">登录即表示您已阅读并同意</Text>
        <Text className="lk-login__link e2e-privacy-link" onClick={openPrivacyGuide}>
          《隐私保护指引》
        </Text>
      </View>
    </PageShell>
  );
}
