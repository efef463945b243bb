// The documented shapes of the Graph answers the collectors read, as zod schemas: every 200 is validated against
// them before a fact is taken from it (src/clients/graph-client.ts `read`). Properties that were not selected are
// absent, so each is optional; a property of the wrong type, a date that is not one, or a missing id is a malformed
// answer. Unknown properties are kept out of the way (loose objects): Graph adds properties over time.
// https://learn.microsoft.com/graph/api/resources/organization and https://learn.microsoft.com/graph/api/resources/user
import { z } from 'zod';

/** Edm.DateTimeOffset as Graph writes it: ISO 8601 with Z or an offset. */
const dateTime = z.iso.datetime({ offset: true });
const optionalNullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

export const OrganizationShape = z.looseObject({
  id: z.string().min(1),
  displayName: optionalNullable(z.string()),
  onPremisesSyncEnabled: optionalNullable(z.boolean()),
  onPremisesLastSyncDateTime: optionalNullable(dateTime),
  verifiedDomains: optionalNullable(z.array(z.looseObject({ name: z.string() }))),
  createdDateTime: optionalNullable(dateTime),
  tenantType: optionalNullable(z.string()),
  countryLetterCode: optionalNullable(z.string()),
  preferredLanguage: optionalNullable(z.string()),
});
export type OrganizationShape = z.infer<typeof OrganizationShape>;

/** GET /v1.0/organization: a collection holding the one organization of the tenant. */
export const OrganizationCollection = z.looseObject({
  value: z.array(OrganizationShape).min(1, 'the "value" collection is empty (no organization)'),
});

const ProvisioningError = z.looseObject({
  category: optionalNullable(z.string()),
  occurredDateTime: optionalNullable(dateTime),
  propertyCausingError: optionalNullable(z.string()),
  value: optionalNullable(z.string()),
});

export const UserShape = z.looseObject({
  id: z.string().min(1),
  onPremisesSyncEnabled: optionalNullable(z.boolean()),
  onPremisesImmutableId: optionalNullable(z.string()),
  onPremisesLastSyncDateTime: optionalNullable(dateTime),
  onPremisesProvisioningErrors: optionalNullable(z.array(ProvisioningError)),
});
export type UserShape = z.infer<typeof UserShape>;

/** GET /v1.0/users?$filter=…: zero or more users. */
export const UserCollection = z.looseObject({ value: z.array(UserShape) });
