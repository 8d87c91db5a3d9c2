export default definePageConfig({
  navigationBarTitleText: '转赠时间',
});
