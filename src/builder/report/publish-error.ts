/** A publish refused or failed for a reason the user can act on; scripts print its message without a stack. */
export class PublishError extends Error {
  override readonly name = "PublishError";
}
