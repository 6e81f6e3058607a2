/** The parts of tesseract.js the OCR thread puts together itself (they ship without type declarations). */
declare module 'tesseract.js/src/worker-script' {
  export function setAdapter(adapter: Record<string, unknown>): void
  export function dispatchHandlers(packet: unknown, send: (reply: unknown) => void): void
}
declare module 'tesseract.js/src/worker-script/node/getCore' {
  const getCore: (...args: unknown[]) => Promise<unknown>
  export default getCore
}
declare module '@tesseract.js-data/eng' {
  export const langPath: string
}
declare module '@tesseract.js-data/chi_sim' {
  export const langPath: string
}
