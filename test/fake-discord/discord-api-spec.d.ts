// discord-api-spec points its "types" at the generated .js file, which TypeScript cannot read
// without allowJs. spec.ts narrows the exports to zod schemas at runtime instead.
declare module 'discord-api-spec/zod';
