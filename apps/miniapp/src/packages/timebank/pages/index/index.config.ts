export default definePageConfig({
  navigationBarTitleText: '时间银行',
  enablePullDownRefresh: true,
});
