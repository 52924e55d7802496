// Confidence as an analyst reads it: the 0–100 value with its word on the "None / Low / Med /
// High" scale of STIX 2.1 Appendix A (Table A-1), the scale the specification gives first.

/** The Appendix A word for a STIX confidence (0 None, 1–29 Low, 30–69 Med, 70–100 High);
 *  undefined for a value outside 0–100. */
export function confidenceWord(value: number): 'None' | 'Low' | 'Med' | 'High' | undefined {
  if (!Number.isInteger(value) || value < 0 || value > 100) return undefined;
  if (value === 0) return 'None';
  if (value < 30) return 'Low';
  if (value < 70) return 'Med';
  return 'High';
}

/** `85 / 100 (High)`; the value alone when it is off the scale. */
export function formatConfidence(value: number): string {
  const word = confidenceWord(value);
  return word ? `${value} / 100 (${word})` : String(value);
}
