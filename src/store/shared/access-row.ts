// The `object_access` row of an access label (migrations/0007) for the engines' insert paths,
// which store labels with the versions they label; the same row as KyselyAccessRepo.put writes.
import { formatDistribution, type AccessLabel } from '../../domain/access/types.ts';

/** The row that stores `label` for the version `seq`. */
export function accessRow(
  seq: number,
  label: AccessLabel,
): { seq: number; owner_org: string; tlp: string; distribution: string; label: string } {
  return {
    seq,
    owner_org: label.ownerOrg,
    tlp: label.tlp,
    distribution: formatDistribution(label.distribution),
    label: JSON.stringify(label),
  };
}
