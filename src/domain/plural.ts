/** "1 child", "3 children": a count and its noun, the plural given when it is not the noun and "s". */
export const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
