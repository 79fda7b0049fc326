// The code blocks of a Markdown page, by language and marker (```sh run), in page order.
import { readFileSync } from 'fs';

export function codeBlocks(file: string, language: string, marker = ''): string[] {
  const text = readFileSync(file, 'utf8');
  const fence = /^```(\S*)[ \t]*(.*?)[ \t]*\n([\s\S]*?)^```$/gm;
  return [...text.matchAll(fence)].filter(([, lang, mark]) => lang === language && mark === marker).map(([, , , body]) => body);
}
