import { ScriptedUi } from '../scriptedUi';

/**
 * The scripted Ui with two hooks: a fault for the two-factor step must reach only the sign-in
 * request that carries the code, so it is added when the extension asks for the code; and a bug
 * can be planted (the checker's own test): the next question for a token throws it inside the
 * extension, as a broken step of a sign-in would.
 */
export class MatrixUi extends ScriptedUi {
  beforeVerificationCode: (() => Promise<void>) | undefined;
  plantedError: Error | undefined;

  override async askVerificationCode(previousWasWrong: boolean): Promise<string | undefined> {
    const hook = this.beforeVerificationCode;
    this.beforeVerificationCode = undefined;
    await hook?.();
    return super.askVerificationCode(previousWasWrong);
  }

  override async askToken(): Promise<string | undefined> {
    const planted = this.plantedError;
    this.plantedError = undefined;
    if (planted !== undefined) {
      throw planted;
    }
    return super.askToken();
  }
}
