/** Catalogue keys of the four urgencies, by value (0 low … 3 critical). */
export const URGENCY_KEYS = ['todos.urgency0', 'todos.urgency1', 'todos.urgency2', 'todos.urgency3'] as const
