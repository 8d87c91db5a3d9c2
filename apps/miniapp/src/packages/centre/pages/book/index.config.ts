export default definePageConfig({
  navigationBarTitleText: '为小组预约活动室',
});
