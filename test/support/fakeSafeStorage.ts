import type { SafeStorageLike } from '../../src/main/electron/secretStore'

/** Reversible "encryption" that is visibly not the plain text, like safeStorage's output. */
export function fakeSafeStorage(
  available = true,
  backend: ReturnType<SafeStorageLike['getSelectedStorageBackend']> = 'gnome_libsecret',
): SafeStorageLike {
  return {
    isAsyncEncryptionAvailable: () => Promise.resolve(available),
    encryptStringAsync: (text) => Promise.resolve(Buffer.from(`enc:${[...text].reverse().join('')}`)),
    decryptStringAsync: (buffer) => {
      const text = buffer.toString()
      if (!text.startsWith('enc:')) return Promise.reject(new Error('Error while decrypting the ciphertext'))
      return Promise.resolve({ result: [...text.slice(4)].reverse().join(''), shouldReEncrypt: false })
    },
    getSelectedStorageBackend: () => backend,
  }
}
