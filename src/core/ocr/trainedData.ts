import path from 'node:path'
import { langPath as chiSimPath } from '@tesseract.js-data/chi_sim'
import { langPath as engPath } from '@tesseract.js-data/eng'
import type { OcrLanguage } from '../../shared/contract/domains/captureSettings'

/**
 * Where each language's trained data lies: inside its npm package, never downloaded. The LSTM-only
 * ("best_int") models sit beside the default folder the package names; the OCR thread reads nothing else.
 */
const FOLDERS: Record<OcrLanguage, string> = {
  eng: path.join(path.dirname(engPath), '4.0.0_best_int'),
  chi_sim: path.join(path.dirname(chiSimPath), '4.0.0_best_int'),
}

/** The only file names the OCR thread will read, one per language. */
export const TRAINED_DATA_FILE = /^(eng|chi_sim)\.traineddata\.gz$/

export function trainedDataPath(fileName: string): string | null {
  const match = TRAINED_DATA_FILE.exec(fileName)
  const language = match?.[1] as OcrLanguage | undefined
  return language ? path.join(FOLDERS[language], fileName) : null
}
