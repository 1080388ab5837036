import type { RedFlags } from './redFlagSchema';

/** An unknown country was configured for the emergency instructions. */
export class EmergencyCountryError extends Error {
  constructor(country: string, known: readonly string[]) {
    super(`emergency instructions: unknown country "${country}" (knowledge/redFlags.json has ${known.join(', ')})`);
    this.name = 'EmergencyCountryError';
  }
}

/**
 * The instruction texts of `knowledge/redFlags.json` with the country's emergency number and crisis
 * line filled in, by instruction name. Throws an {@link EmergencyCountryError} for an unknown country.
 */
export function emergencyInstructions(content: RedFlags, country: string = content.defaultCountry): Record<string, string> {
  const contacts = content.countries[country];
  if (!contacts) throw new EmergencyCountryError(country, Object.keys(content.countries));
  const values: Record<string, string> = { emergencyNumber: contacts.emergencyNumber, crisisLine: contacts.crisisLine };
  return Object.fromEntries(
    Object.entries(content.instructions).map(([name, template]) => [name, template.replace(/\{(\w+)\}/g, (placeholder, key: string) => values[key] ?? placeholder)]),
  );
}
