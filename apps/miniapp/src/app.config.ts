export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/bookings/index',
    'pages/volunteer/index',
    'pages/me/index',
    'pages/login/index',
    // The path is shared-types `noticeDetailPage`: inbox links and WeChat messages open it.
    'pages/notice-detail/index',
    // Unknown routes and stale links land here (app.ts usePageNotFound).
    'pages/not-found/index',
  ],
  subPackages: [
    { root: 'packages/inbox', pages: ['pages/index/index'] },
    {
      root: 'packages/timebank',
      pages: ['pages/index/index', 'pages/transfer/index', 'pages/rewards/index', 'pages/redemptions/index'],
    },
    { root: 'packages/booking', pages: ['pages/room/index', 'pages/mine/index'] },
    { root: 'packages/volunteer', pages: ['pages/detail/index', 'pages/mine/index', 'pages/code/index'] },
    { root: 'packages/family', pages: ['pages/index/index'] },
    {
      root: 'packages/requests',
      pages: ['pages/submit/index', 'pages/mine/index', 'pages/public/index', 'pages/detail/index'],
    },
    {
      root: 'packages/help',
      pages: [
        'pages/index/index',
        'pages/post/index',
        'pages/detail/index',
        'pages/mine/index',
        'pages/commons/index',
        'pages/family/index',
      ],
    },
    {
      root: 'packages/centre',
      pages: [
        'pages/index/index',
        'pages/groups/index',
        'pages/group/index',
        'pages/propose/index',
        'pages/events/index',
        'pages/event/index',
        'pages/book/index',
        'pages/event-new/index',
      ],
    },
  ],
  window: {
    navigationBarTitleText: '邻里',
    // H5 shows Taro's navigation bar (title, back, home when there is no history) only when asked.
    navigationStyle: 'default',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f4f5f7',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#5c6066',
    selectedColor: '#146c4c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/bookings/index',
        text: '预约',
        iconPath: 'assets/tab/bookings.png',
        selectedIconPath: 'assets/tab/bookings-active.png',
      },
      {
        pagePath: 'pages/volunteer/index',
        text: '志愿',
        iconPath: 'assets/tab/volunteer.png',
        selectedIconPath: 'assets/tab/volunteer-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
  // Load only the components a page renders (WeChat audit item).
  lazyCodeLoading: 'requiredComponents',
  // Privacy-scoped WeChat APIs wait for the user's consent (wx.onNeedPrivacyAuthorization).
  __usePrivacyCheck__: true,
  // Activity check-in may compare the phone's position with the activity's geofence.
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '用于志愿活动签到时确认您在活动地点附近' },
  },
});
