export default definePageConfig({
  navigationBarTitleText: '社区公益池',
  enablePullDownRefresh: true,
});
