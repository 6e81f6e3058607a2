export const URGENCY_LABELS = ['Low', 'Normal', 'High', 'Critical'] as const
