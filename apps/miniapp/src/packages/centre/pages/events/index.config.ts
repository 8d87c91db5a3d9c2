export default definePageConfig({
  // page-meta root-font-size="system": rem type follows the WeChat font setting (platform/page-meta).
  enablePageMeta: true,
  navigationBarTitleText: '社区活动',
  enablePullDownRefresh: true,
});
