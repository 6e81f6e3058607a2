/** The contract version reported by system.describe; bump the minor on additions, the major on breaks. */
export const CONTRACT_VERSION = '1.0.0'
