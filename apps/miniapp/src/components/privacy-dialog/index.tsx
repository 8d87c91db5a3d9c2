import { Button, ScrollView, Text, View } from '@tarojs/components';
import { usePrivacy } from '../../hooks/usePrivacy';
import { platformPrivacy } from '../../platform/privacy';
import './index.scss';

/** What we collect and why; keep in step with the 用户隐私保护指引 declared in the WeChat admin console. */
const collected = [
  { what: '手机号码', why: '用于登录和识别您的身份；在工作人员看到的名单中会隐去中间四位。' },
  {
    what: '住户信息（姓名、楼栋、单元、房号）',
    why: '用于社区工作人员核实住户身份，并向您推送与您所在楼栋相关的公告。',
  },
  { what: '志愿服务记录（报名、签到签退时间、服务时长）', why: '用于计算志愿服务时长和时间银行积分。' },
  { what: '位置信息（仅在志愿活动扫码签到时）', why: '用于确认您在活动地点附近，不会持续获取。' },
];

interface PrivacyDialogProps {
  /** Stay open until accepted (login page). */
  requireConsent?: boolean;
}

const openType = platformPrivacy.agreesThroughOpenType;

export function PrivacyDialog({ requireConsent = false }: PrivacyDialogProps) {
  const privacy = usePrivacy();
  const insisting = requireConsent && !privacy.accepted && !privacy.declined;
  if (privacy.pending === null && !privacy.reading && !insisting) return null;
  // Offer agree/decline while consent is missing; once given, reading the guide again only needs 知道了.
  const asking = privacy.pending !== null || !privacy.accepted;

  return (
    <View className="lk-privacy" catchMove>
      <View className="lk-privacy__sheet e2e-privacy-dialog">
        <Text className="lk-privacy__title">隐私保护指引</Text>
        <ScrollView scrollY className="lk-privacy__body">
          <Text className="lk-privacy__paragraph">
            欢迎使用「邻里」。为向您提供社区公告、活动预约、志愿服务和时间银行等服务，我们会在您使用相应功能时收集以下信息：
          </Text>
          {collected.map((item) => (
            <View key={item.what} className="lk-privacy__item">
              <Text className="lk-privacy__what">{item.what}</Text>
              <Text className="lk-privacy__why">{item.why}</Text>
            </View>
          ))}
          <Text className="lk-privacy__paragraph">
            我们只收集功能所需的信息，仅供您所在社区和街道的工作人员在工作中使用，不会出售或提供给无关第三方。您可以在「我的」页面随时查看本指引。
          </Text>
        </ScrollView>
        {asking ? (
          <View className="lk-privacy__actions">
            <Button
              className="lk-privacy__button lk-privacy__button--plain e2e-privacy-decline"
              onClick={privacy.decline}
            >
              不同意
            </Button>
            <Button
              id={privacy.agreeButtonId}
              className="lk-privacy__button lk-privacy__button--primary e2e-privacy-agree"
              openType={openType ? 'agreePrivacyAuthorization' : undefined}
              onAgreePrivacyAuthorization={openType ? privacy.accept : undefined}
              onClick={openType ? undefined : privacy.accept}
            >
              同意并继续
            </Button>
          </View>
        ) : (
          <View className="lk-privacy__actions">
            <Button
              className="lk-privacy__button lk-privacy__button--primary e2e-privacy-close"
              onClick={privacy.close}
            >
              知道了
            </Button>
          </View>
        )}
      </View>
    </View>
  );
}
