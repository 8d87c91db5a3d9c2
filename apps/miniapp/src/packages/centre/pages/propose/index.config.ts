export default definePageConfig({
  navigationBarTitleText: '发起兴趣小组',
});
