/** Whether RichText decodes HTML entities in text nodes (weapp does; Taro's h5 RichText shows text as is). */
export const richTextDecodesEntities = false;
