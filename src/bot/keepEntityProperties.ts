/**
 * Workaround for a serializer bug in botframework-connector 4.23.3 with @azure/core-client: when the
 * bot replies over HTTP (Azure Bot Service channels, the built-in Direct Line), every field of an
 * `activity.entities` item except `type`, `text` and `mentioned` is dropped — including the schema.org
 * Message entity's `citation`. The Activity mapper's `entities` element allows additional properties,
 * but core-client swaps it for the bare `Entity` model mapper, which does not. Giving that model mapper
 * the same `additionalProperties` keeps entities whole. `expectReplies` responses are not affected.
 */
import { Entity as entityModelMapper } from 'botframework-connector/lib/connectorApi/models/mappers';

/** Lets the connector serialize entities with all their fields. Idempotent; call before replying. */
export function keepEntityProperties(): void {
  if (!entityModelMapper.type.additionalProperties) {
    entityModelMapper.type.additionalProperties = { type: { name: 'Object' } };
  }
}
