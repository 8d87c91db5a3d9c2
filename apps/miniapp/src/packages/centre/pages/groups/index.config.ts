export default definePageConfig({
  navigationBarTitleText: '兴趣小组',
  enablePullDownRefresh: true,
});
