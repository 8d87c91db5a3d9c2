import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';
import { Text, View } from '@tarojs/components';
import { noticeCategories, noticeCategoryLabels, type NoticeCategory, type NoticeSummary } from '@linli/shared-types';
import { PageShell } from '../../components/page-shell';
import { EmptyState } from '../../components/empty-state';
import { ListError, ListFooter, ListSkeleton } from '../../components/list-state';
import { Button, Input } from '../../components/nutui';
import { useMe, verificationOf } from '../../hooks/useMe';
import { ElderSwitch } from '../../components/elder-switch';
import { useSession } from '../../hooks/useSession';
import { NOTICE_SEARCH_MAX, useNoticeFeed } from '../../hooks/useNoticeFeed';
import { unreadBadgeText, useUnreadNotices } from '../../hooks/useUnreadNotices';
import { useInboxUnread } from '../../hooks/useInbox';
import { formatShanghaiTime } from '../../lib/time';
import { openNotice, requestPages, routes } from '../../routes';
import { helpPages } from '../../services/help';
import './index.scss';

/** Typing pauses this long before the feed is searched (the keyboard's 搜索 searches at once). */
const SEARCH_DELAY_MS = 500;

const categoryTabs: Array<{ key: NoticeCategory | null; label: string }> = [
  { key: null, label: '全部' },
  ...noticeCategories.map((key) => ({ key, label: noticeCategoryLabels[key] })),
];

function NoticeItem({ notice }: { notice: NoticeSummary }) {
  const unread = !notice.read;
  const needsAck = notice.requiresAck && !notice.acknowledged;
  return (
    <View
      className={`lk-card lk-notice-item e2e-notice-item e2e-notice-item-${notice.id}${unread ? ' lk-notice-item--unread' : ''}`}
      onClick={() => openNotice(notice.id)}
    >
      <View className="lk-notice-item__tags">
        {notice.pinned ? <Text className="lk-mark lk-mark--pinned e2e-notice-pinned">置顶</Text> : null}
        <Text className="lk-mark">{noticeCategoryLabels[notice.category]}</Text>
        {needsAck ? <Text className="lk-mark lk-mark--ack e2e-notice-needs-ack">需确认</Text> : null}
      </View>
      <View className="lk-notice-item__head">
        {unread ? <View className="lk-notice-item__dot e2e-notice-unread" /> : null}
        <Text className="lk-notice-item__title">{notice.title}</Text>
      </View>
      {notice.excerpt ? <Text className="lk-notice-item__excerpt">{notice.excerpt}</Text> : null}
      <View className="lk-notice-item__foot">
        <Text className="lk-muted">{formatShanghaiTime(notice.publishAt ?? notice.createdAt)}</Text>
        {unread ? <Text className="lk-notice-item__unread-label">未读</Text> : null}
      </View>
    </View>
  );
}

export default function HomePage() {
  const { user, error, refresh } = useMe();
  const unread = useUnreadNotices();
  // Sets the badge on the 我的 tab from the first screen on.
  useInboxUnread();
  const [category, setCategory] = useState<NoticeCategory | null>(null);
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const { loggedIn } = useSession();
  const feed = useNoticeFeed({ category, q }, loggedIn);

  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  // Back from a notice (or another tab): new notices on top; what was read is already marked.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && feed.loaded) void feed.refreshHead();
    shown.current = true;
  });

  usePullToRefresh(async () => {
    await Promise.all([refresh(), feed.refresh(), unread.refresh()]);
  });

  useReachBottom(() => {
    void feed.loadMore();
  });

  const name = user?.name || '邻居';
  const verification = user?.role === 'resident' ? verificationOf(user) : null;
  const searching = q !== '';

  return (
    <PageShell className="lk-home">
      <View className="lk-home__hero e2e-home-greeting">
        <Text className="lk-home__hello">{`您好，${name}`}</Text>
        <Text className="lk-home__community e2e-home-community">{user?.community?.name ?? ''}</Text>
      </View>

      {error ? <Text className="lk-form-error">{error}</Text> : null}

      <View className="lk-card lk-home__elder">
        <ElderSwitch />
      </View>

      {verification === 'needsDetails' ? (
        <View className="lk-card lk-home__verify e2e-home-verify">
          <Text className="lk-card__title">完成住户认证</Text>
          <Text className="lk-muted">填写楼栋、单元和房号，社区工作人员核实后即可预约活动室、报名志愿活动。</Text>
          <Button
            className="lk-button-block"
            type="primary"
            shape="round"
            onClick={() => Taro.switchTab({ url: routes.me })}
          >
            去填写
          </Button>
        </View>
      ) : null}
      {verification === 'submitted' ? (
        <View
          className="lk-card lk-home__verify lk-home__verify--waiting e2e-home-verify-submitted"
          onClick={() => Taro.switchTab({ url: routes.me })}
        >
          <Text className="lk-card__title">住户认证：已提交，等待核实</Text>
          <Text className="lk-muted">社区工作人员核实您的住址后即可预约和报名，信息有误可在“我的”里修改 ›</Text>
        </View>
      ) : null}

      {user?.role === 'resident' ? (
        <View className="lk-card lk-home__requests e2e-home-requests">
          <Text className="lk-card__title">诉求 · 有事找社区</Text>
          <Text className="lk-muted">楼道灯坏了、垃圾没清、邻里有矛盾，告诉社区，限时受理，办完您来评价。</Text>
          <View className="lk-home__request-actions">
            <Button
              className="lk-home__request-button e2e-home-request-submit"
              type="primary"
              shape="round"
              onClick={() => void Taro.navigateTo({ url: requestPages.submit })}
            >
              我要反映
            </Button>
            <Button
              className="lk-home__request-button e2e-home-request-mine"
              type="primary"
              fill="outline"
              shape="round"
              onClick={() => void Taro.navigateTo({ url: requestPages.mine })}
            >
              我的诉求
            </Button>
          </View>
          <Text
            className="lk-home__request-link e2e-home-request-public"
            onClick={() => void Taro.navigateTo({ url: requestPages.public })}
          >
            看看社区里邻居反映的事 ›
          </Text>
        </View>
      ) : null}

      {user?.role === 'resident' ? (
        <View
          className="lk-card lk-home__requests e2e-home-centre"
          onClick={() => void Taro.navigateTo({ url: '/packages/centre/pages/index/index' })}
        >
          <Text className="lk-card__title">活动中心 · 兴趣小组和社区活动 ›</Text>
          <Text className="lk-muted">本周有什么活动、加入合唱书法象棋小组、报名社区活动，活动后评价和感谢。</Text>
        </View>
      ) : null}

      {user?.role === 'resident' && user.status !== 'pending' ? (
        <View
          className="lk-card lk-home__requests e2e-home-help"
          onClick={() => void Taro.navigateTo({ url: helpPages.index })}
        >
          <Text className="lk-card__title">邻里互助 · 用时间换帮助</Text>
          <Text className="lk-muted">陪诊、代买、修家电、聊聊天：邻居互相帮忙，用时间酬谢 ›</Text>
        </View>
      ) : null}

      <View className="lk-notices e2e-home-notices">
        <View className="lk-notices__head">
          <Text className="lk-notices__title">社区公告</Text>
          {unread.count ? (
            <Text className="lk-notices__unread e2e-notice-unread-count">{`${unreadBadgeText(unread.count)} 条未读`}</Text>
          ) : null}
        </View>

        <View className="lk-notices__search">
          <Input
            className="lk-notices__search-input e2e-notice-search"
            type="text"
            confirmType="search"
            placeholder="搜索公告标题或内容"
            maxLength={NOTICE_SEARCH_MAX}
            clearable
            value={typed}
            onChange={setTyped}
            onClear={() => {
              setTyped('');
              setQ('');
            }}
            onConfirm={() => setQ(typed.trim())}
          />
        </View>

        <View className="lk-notices__tabs">
          {categoryTabs.map((tab) => (
            <View
              key={tab.key ?? 'all'}
              className={`lk-notices__tab e2e-notice-category-${tab.key ?? 'all'}${tab.key === category ? ' lk-notices__tab--active' : ''}`}
              onClick={() => setCategory(tab.key)}
            >
              <Text>{tab.label}</Text>
            </View>
          ))}
        </View>

        {feed.loading ? <ListSkeleton className="e2e-notice-skeleton" /> : null}
        {feed.error ? (
          <ListError className="e2e-notice-error" message={feed.error} onRetry={() => void feed.refresh()} />
        ) : null}
        {!feed.loading && !feed.error && feed.loaded && feed.items.length === 0 ? (
          <View className="lk-card">
            <EmptyState
              className="e2e-home-notices-empty"
              title={searching ? '没有找到相关公告' : '暂无公告'}
              description={searching ? '换个关键词或分类试试' : '社区发布的通知会显示在这里'}
            />
          </View>
        ) : null}

        {feed.items.map((notice) => (
          <NoticeItem key={notice.id} notice={notice} />
        ))}
        <ListFooter
          count={feed.items.length}
          loadingMore={feed.loadingMore}
          hasMore={feed.hasMore}
          moreError={feed.moreError}
          onMore={() => void feed.loadMore()}
        />
      </View>
    </PageShell>
  );
}
