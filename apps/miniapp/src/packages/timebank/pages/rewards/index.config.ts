export default definePageConfig({
  navigationBarTitleText: '兑换礼品',
  enablePullDownRefresh: true,
});
