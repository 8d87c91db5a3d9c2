export default definePageConfig({
  navigationBarTitleText: '活动中心预约',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
