export default definePageConfig({
  navigationBarTitleText: '亲情转赠',
});
