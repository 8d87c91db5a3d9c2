/*
 * Notice bodies → RichText nodes. The parser lives in shared-types, so the console's preview draws
 * the very nodes residents see; its cases (packages/shared-types/src/rules/notice-markdown.cases.ts)
 * run here, in the shared-types suite and in the console suite.
 */
export { renderNoticeMarkdown } from '@linli/shared-types';
