/**
 * An error whose message is written for the member and safe to show them (STYLE.md, error
 * boundary). `field` names the option or setting that was wrong, when there is one.
 */
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'UserFacingError';
  }
}

export const notEnrolled = (): UserFacingError =>
  new UserFacingError('You are not enrolled yet. Use /start to join the plan.');

export function isUserFacingError(error: unknown): error is UserFacingError {
  return error instanceof UserFacingError;
}
