// The sectors and subsectors of NIS2 (Directive (EU) 2022/2555) Annex I ("sectors of high
// criticality") and Annex II ("other critical sectors"), written from the Annex tables; labels
// are the Annex wording. Keys are the machine names of the MISP nis2 taxonomy
// (impact-sectors-impacted, impact-subsectors-impacted, impact-subsectors-important-entities), so
// that a MISP analyst's tags map one to one. A sector without subsectors in the Annex has an
// empty list. (issue 16, must 1)

/** Which Annex a sector comes from: its entities are essential or important (NIS2 Article 3). */
export type Nis2Annex = 'I' | 'II';

export interface Nis2Subsector {
  readonly key: string;
  readonly label: string;
}

export interface Nis2Sector {
  readonly key: string;
  readonly label: string;
  readonly annex: Nis2Annex;
  /** Annex point, e.g. 1 for "1. Energy". */
  readonly point: number;
  readonly subsectors: readonly Nis2Subsector[];
}

function sector(annex: Nis2Annex, point: number, key: string, label: string, subsectors: [string, string][] = []): Nis2Sector {
  return { annex, point, key, label, subsectors: subsectors.map(([k, l]) => ({ key: k, label: l })) };
}

export const NIS2_SECTORS: readonly Nis2Sector[] = [
  sector('I', 1, 'energy', 'Energy', [
    ['electricity', 'Electricity'],
    ['district-heating-and-cooling', 'District heating and cooling'],
    ['oil', 'Oil'],
    ['gas', 'Gas'],
    ['hydrogen', 'Hydrogen'],
  ]),
  sector('I', 2, 'transport', 'Transport', [
    ['air', 'Air'],
    ['rail', 'Rail'],
    ['water', 'Water'],
    ['road', 'Road'],
  ]),
  sector('I', 3, 'banking', 'Banking'),
  sector('I', 4, 'financial', 'Financial market infrastructures'),
  sector('I', 5, 'health', 'Health'),
  sector('I', 6, 'drinking-water', 'Drinking water'),
  sector('I', 7, 'waste-water', 'Waste water'),
  // Annex I point 8 has no subsectors but lists types of entity; they are listed here as
  // subsectors because one of them changes the law: a trust service provider notifies within 24
  // hours, not 72 (Art. 23(4), second subparagraph). These keys are Concord's: the MISP taxonomy
  // has only the sector.
  sector('I', 8, 'digital-infrastructure', 'Digital infrastructure', [
    ['internet-exchange-point-providers', 'Internet Exchange Point providers'],
    ['dns-service-providers', 'DNS service providers'],
    ['tld-name-registries', 'TLD name registries'],
    ['cloud-computing-service-providers', 'Cloud computing service providers'],
    ['data-centre-service-providers', 'Data centre service providers'],
    ['content-delivery-network-providers', 'Content delivery network providers'],
    ['trust-service-providers', 'Trust service providers'],
    ['public-electronic-communications-networks', 'Providers of public electronic communications networks'],
    ['electronic-communications-services', 'Providers of publicly available electronic communications services'],
  ]),
  sector('I', 9, 'ict-services', 'ICT service management (business-to-business)'),
  sector('I', 10, 'public-administration', 'Public administration'),
  sector('I', 11, 'space', 'Space'),
  sector('II', 1, 'courier', 'Postal and courier services'),
  sector('II', 2, 'waste-management', 'Waste management'),
  sector('II', 3, 'chemical', 'Manufacture, production and distribution of chemicals'),
  sector('II', 4, 'food', 'Production, processing and distribution of food'),
  sector('II', 5, 'manufacturing', 'Manufacturing', [
    ['medical-devices-manufacturing', 'Manufacture of medical devices and in vitro diagnostic medical devices'],
    ['computer-manufacturing', 'Manufacture of computer, electronic and optical products'],
    ['electrical-equipment-manufacturing', 'Manufacture of electrical equipment'],
    ['machinery-equipment-manufacturing', 'Manufacture of machinery and equipment n.e.c.'],
    ['vehicles-trailers-manufacturing', 'Manufacture of motor vehicles, trailers and semi-trailers'],
    ['other-transport-manufacturing', 'Manufacture of other transport equipment'],
  ]),
  sector('II', 6, 'digital-providers', 'Digital providers'),
  sector('II', 7, 'research', 'Research'),
];

/** Sectors by key. */
export const NIS2_SECTOR_BY_KEY: ReadonlyMap<string, Nis2Sector> = new Map(NIS2_SECTORS.map((s) => [s.key, s]));

/** True when `subsector` is a subsector of `sector` in the Annexes. */
export function isNis2Subsector(sector: string, subsector: string): boolean {
  return NIS2_SECTOR_BY_KEY.get(sector)?.subsectors.some((s) => s.key === subsector) ?? false;
}

/** The EU member states as ISO 3166-1 alpha-2 codes (Greece is GR, not the EU's "EL"). */
export const EU_MEMBER_STATES: ReadonlySet<string> = new Set(
  'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' '),
);
