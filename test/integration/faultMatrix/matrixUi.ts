import { ScriptedUi } from '../scriptedUi';

/**
 * The scripted Ui with one hook: a fault for the two-factor step must reach only the sign-in
 * request that carries the code, so it is added when the extension asks for the code.
 */
export class MatrixUi extends ScriptedUi {
  beforeVerificationCode: (() => Promise<void>) | undefined;

  override async askVerificationCode(previousWasWrong: boolean): Promise<string | undefined> {
    const hook = this.beforeVerificationCode;
    this.beforeVerificationCode = undefined;
    await hook?.();
    return super.askVerificationCode(previousWasWrong);
  }
}
