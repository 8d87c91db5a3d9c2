export default definePageConfig({
  // page-meta root-font-size="system": rem type follows the WeChat font setting (platform/page-meta).
  enablePageMeta: true,
  navigationBarTitleText: '我的诉求',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
