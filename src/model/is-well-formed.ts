/** `String.prototype.isWellFormed` (ES2024; Node 20+, workerd): no lone surrogate. The project's ES2023 lib does not declare it. */
export const isWellFormed = (text: string): boolean => (text as unknown as { isWellFormed(): boolean }).isWellFormed();
