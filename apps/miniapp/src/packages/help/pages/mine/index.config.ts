export default definePageConfig({
  navigationBarTitleText: '我的互助',
  enablePullDownRefresh: true,
});
