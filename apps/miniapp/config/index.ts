import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/** weapp has no same origin: it calls this base. Override with TARO_APP_API_BASE at build time. */
const apiBase = process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000/api/v1';

// Written by hand: `taro init` needs GitHub. Guide: @tarojs/cli/templates/default/config/index.js
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'linli-miniapp',
    date: '2026-11-28',
    // NutUI is drawn at 375 px; our own styles at 750 px.
    designWidth(input) {
      const file = typeof input === 'object' && input?.file ? input.file.replace(/\\/g, '/') : '';
      return file.includes('/@nutui/') ? 375 : 750;
    },
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV || 'weapp'}`,
    plugins: [],
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase),
    },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        // CSS px, not rem: Taro's rem follows the screen width and its script pins the root font size, so
        // the app's rem type (components/page-shell) could not follow the browser's font setting.
        // postcss-pxtransform 4.2.1 takes 'px' for h5; Taro's config type lists only rpx, vw and rem.
        pxtransform: { enable: true, config: { targetUnit: 'px' as 'rem' } },
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // Taro splits only initial chunks, so every lazily loaded page carried its own copy of NutUI
        // and our components; splitting all chunks shares them between pages.
        const splitChunks = chain.optimization.get('splitChunks');
        if (splitChunks) chain.optimization.splitChunks({ ...splitChunks, chunks: 'all' });
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
