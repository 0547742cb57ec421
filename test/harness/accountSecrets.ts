// The secrets a person types for a stand-in account: its password, its two-factor code and the
// Home PINs of its Home. Leak audits look for them beside the tokens the stand-in issues.
import type { StandInAccountSeed } from '../standin/types';
import type { Secret } from './secretScanner';

export function accountSecrets(seeds: readonly StandInAccountSeed[]): Secret[] {
  return seeds.flatMap((seed) => [
    { label: `password of ${seed.username}`, value: seed.password },
    ...(seed.verificationCode === undefined ? [] : [{ label: `two-factor code of ${seed.username}`, value: seed.verificationCode }]),
    ...(seed.home?.adminPin === undefined ? [] : [{ label: `Home PIN of ${seed.username}`, value: seed.home.adminPin }]),
    ...(seed.home?.members ?? []).flatMap((member) => (member.pin === undefined ? [] : [{ label: `Home PIN of ${member.title}`, value: member.pin }])),
  ]);
}
