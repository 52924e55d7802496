// An organisation's default markings must themselves be a consistent label: TLP bounds the
// distribution (DESIGN.md, Markings, distribution and access).
import { distributionAllowed } from '../access/policy.ts';
import { parseDistribution } from '../access/types.ts';
import { InvalidInputError } from '../../errors.ts';
import { isTlp, TLP_LEVELS, type Tlp } from '../markings/tlp.ts';

/** Narrows a string to a TLP 2.0 level, naming the field when it is not one. */
export function checkTlp(field: string, value: string): Tlp {
  const tlp = value.toLowerCase();
  if (!isTlp(tlp)) throw new InvalidInputError(`${field} "${value}" must be one of ${TLP_LEVELS.join(', ')}`, { field });
  return tlp;
}

/** Checks default TLP and distribution together; throws naming both when TLP forbids the distribution. */
export function checkLabelDefaults(tlpText: string, distributionText: string): void {
  const tlp = checkTlp('defaultTlp', tlpText);
  const distribution = parseDistribution(distributionText);
  if (!distributionAllowed(tlp, distribution)) {
    throw new InvalidInputError(`default distribution "${distributionText}" is wider than TLP:${tlp.toUpperCase()} allows`, {
      field: 'defaultDistribution',
    });
  }
}
