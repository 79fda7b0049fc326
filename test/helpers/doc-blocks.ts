// The code blocks of a Markdown page, by language, in page order.
import { readFileSync } from 'fs';

export function codeBlocks(file: string, language: string): string[] {
  const text = readFileSync(file, 'utf8');
  const fence = /^```(\S*)\n([\s\S]*?)^```$/gm;
  return [...text.matchAll(fence)].filter(([, lang]) => lang === language).map(([, , body]) => body);
}
