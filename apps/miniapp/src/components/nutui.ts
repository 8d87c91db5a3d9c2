/*
 * The NutUI components the app uses, each with its own stylesheet. Importing the package root and
 * dist/style.css would add every component's styles (about 230 KB of wxss) to the main package.
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/switch/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button';
export { default as Cell } from '@nutui/nutui-react-taro/dist/es/packages/cell';
export { default as CellGroup } from '@nutui/nutui-react-taro/dist/es/packages/cellgroup';
export { default as Input } from '@nutui/nutui-react-taro/dist/es/packages/input';
export { default as Switch } from '@nutui/nutui-react-taro/dist/es/packages/switch';
export { default as Tag } from '@nutui/nutui-react-taro/dist/es/packages/tag';
